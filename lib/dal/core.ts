import "server-only";
import { getDb, type Executor, type Transaction } from "@/db/client";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { can, type Action, type PlanType, type Relationship } from "@/lib/policy";
import type { Viewer } from "./viewer";

/** A resource loaded through the viewer's read scope, with the relationships the viewer holds to it. */
export interface Target<E> {
  entity: E;
  entityType: string;
  entityId: string;
  relationships: ReadonlySet<Relationship>;
  planType?: PlanType;
  studentId?: string | null;
}

/** Loads a resource through the viewer's read scope; returns null when it is not visible. */
export type Loader<E> = (db: Executor, viewer: Viewer) => Promise<Target<E> | null>;

function actorOf(viewer: Viewer) {
  return { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId };
}

class Denied extends Error {
  constructor(
    readonly target: Target<unknown>,
    readonly action: Action,
  ) {
    super("denied");
  }
}

async function recordDenied(viewer: Viewer, action: Action, target: Target<unknown>, event?: AuditAction) {
  await recordAudit(getDb(), {
    action: event ?? "student.viewed",
    outcome: "denied",
    actor: actorOf(viewer),
    entityType: target.entityType,
    entityId: target.entityId,
    studentId: target.studentId ?? null,
    ip: viewer.ip,
    details: { verb: action },
  });
}

/** A verb, or a verb that depends on the loaded target (e.g. editing an IEP vs a 504 plan). */
export type ActionFor<E> = Action | ((target: Target<E>) => Action);

function resolveAction<E>(action: ActionFor<E>, target: Target<E>): Action {
  return typeof action === "function" ? action(target) : action;
}

function allowed(viewer: Viewer, action: Action, target: Target<unknown>): boolean {
  return can({ role: viewer.role }, action, {
    relationships: target.relationships,
    planType: target.planType,
  });
}

/**
 * Loads a resource for reading: not visible → NOT_FOUND (existence is never revealed); visible
 * but not permitted → FORBIDDEN and a denied audit event. With `event`, a successful read is
 * logged as an access event (IDEA §300.614 record of access).
 */
export async function read<E>(
  viewer: Viewer,
  spec: { action: ActionFor<E>; load: Loader<E>; event?: AuditAction; details?: Record<string, unknown> },
): Promise<Target<E>> {
  const target = await spec.load(getDb(), viewer);
  if (!target) throw new AppError("NOT_FOUND");
  const action = resolveAction(spec.action, target);
  if (!allowed(viewer, action, target)) {
    await recordDenied(viewer, action, target, spec.event);
    throw new AppError("FORBIDDEN");
  }
  if (spec.event) await recordAccess(viewer, target, spec.event, spec.details);
  return target;
}

/** Logs a successful read of a loaded target as an access event (IDEA §300.614 record of access). */
export async function recordAccess(
  viewer: Viewer,
  target: Target<unknown>,
  event: AuditAction,
  details?: Record<string, unknown>,
): Promise<void> {
  await recordAudit(getDb(), {
    action: event,
    actor: actorOf(viewer),
    entityType: target.entityType,
    entityId: target.entityId,
    studentId: target.studentId ?? null,
    ip: viewer.ip,
    details,
  });
}

/** Logs an access event for a list read (ids only, never content). */
export async function recordListAccess(
  viewer: Viewer,
  event: AuditAction,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(getDb(), { action: event, actor: actorOf(viewer), ip: viewer.ip, details });
}

export interface MutationContext<E> {
  tx: Transaction;
  target: Target<E>;
  /** Ids, field names and counts for the audit row — never typed text. */
  details: Record<string, unknown>;
  /** Declares that `fn` wrote nothing (e.g. an autosave of identical text): no audit row. */
  unchanged: () => void;
}

/**
 * The only way to change data. In one transaction: load the target through the read scope
 * (not visible → NOT_FOUND), check `can()` (denied → FORBIDDEN, and a denied audit event is
 * written after the rollback), run `fn`, and append exactly one audit row. Any error rolls back
 * both the change and its audit row.
 */
export async function mutate<E, T>(
  viewer: Viewer,
  spec: { action: ActionFor<E>; event: AuditAction; load: Loader<E> },
  fn: (ctx: MutationContext<E>) => Promise<T>,
): Promise<T> {
  try {
    return await getDb().transaction(async (tx) => {
      const target = await spec.load(tx, viewer);
      if (!target) throw new AppError("NOT_FOUND");
      const action = resolveAction(spec.action, target);
      if (!allowed(viewer, action, target)) throw new Denied(target, action);
      const details: Record<string, unknown> = {};
      let wroteNothing = false;
      const result = await fn({ tx, target, details, unchanged: () => (wroteNothing = true) });
      if (wroteNothing) return result;
      await recordAudit(tx, {
        action: spec.event,
        actor: actorOf(viewer),
        entityType: target.entityType,
        entityId: target.entityId,
        studentId: target.studentId ?? null,
        ip: viewer.ip,
        details,
      });
      return result;
    });
  } catch (error) {
    if (error instanceof Denied) {
      await recordDenied(viewer, error.action, error.target, spec.event);
      throw new AppError("FORBIDDEN");
    }
    throw error;
  }
}
