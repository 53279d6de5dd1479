import "server-only";
import type { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import type { Viewer } from "@/lib/dal/viewer";
import { buildAction, type Handler } from "./build-action";
import type { ActionResult } from "./types";

export type { ActionResult };

/**
 * Builds a server action for the signed-in viewer of the current request (see buildAction for
 * the pipeline). With `{ public: true }` the handler also runs without a viewer (sign-in).
 */
export function defineAction<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<S, T, Viewer>,
): (input: unknown) => Promise<ActionResult<T>>;
export function defineAction<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<S, T, Viewer | null>,
  options: { public: true },
): (input: unknown) => Promise<ActionResult<T>>;
export function defineAction<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<S, T, Viewer> | Handler<S, T, Viewer | null>,
  options?: { public: true },
): (input: unknown) => Promise<ActionResult<T>> {
  return buildAction(getViewer, schema, handler as Handler<S, T, Viewer | null>, options);
}
