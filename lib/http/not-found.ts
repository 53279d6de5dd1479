import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * Awaits a DAL read for a page: NOT_FOUND and FORBIDDEN both render the 404 page, so a record
 * outside the viewer's relationships is never revealed to exist. Other errors propagate.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
