import "server-only";
import { getDb, type Executor, type Transaction } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { formSubmissions } from "@/db/schema";
import { recordAudit, recordAuditForStudents, type AuditAction } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { can, type Action, type PlanType, type Relationship } from "@/lib/policy";
import { forgetRequestReads } from "./internal/request-cache";
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

/** What a request asked for: recorded when the resource is outside the viewer's scope. */
export interface Requested {
  entityType: string;
  entityId: string;
}

/**
 * Loads a resource through the viewer's read scope; returns null when it is not visible.
 * `requested` names what was asked for, so a miss is recorded as a denied access.
 */
export type Loader<E> = ((db: Executor, viewer: Viewer) => Promise<Target<E> | null>) & { requested?: Requested };

/** Names what a loader was asked for (entity type and requested id), for the record of a miss. */
export function loaderFor<E>(
  entityType: string,
  entityId: string,
  load: (db: Executor, viewer: Viewer) => Promise<Target<E> | null>,
): Loader<E> {
  return Object.assign(load, { requested: { entityType, entityId } });
}

/**
 * Loader for verbs that depend on the viewer's role alone (a work queue, "my accommodations", the
 * coverage dashboard): the target is the viewer, with no relationship.
 */
export function viewerTarget(): Loader<null> {
  return async (_db, viewer) => ({
    entity: null,
    entityType: "user",
    entityId: viewer.userId,
    relationships: new Set(),
  });
}

/**
 * A target loaded for a viewer, carrying the viewer's rights on it: `may(verb)` asks the policy
 * catalog (`can()`) with the relationships and plan type the loader found, so the DAL never
 * re-derives "who may see X" from relationship names.
 */
export interface Authorized<E> extends Target<E> {
  may: (action: Action) => boolean;
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request for a record outside the viewer's scope (answered 404): recorded as a denied access
 * with the entity type and the requested id (only when it is a well-formed id), never any data.
 */
async function recordOutOfScope<E>(viewer: Viewer, spec: { action: ActionFor<E>; load: Loader<E> }) {
  const requested = spec.load.requested;
  const wellFormed = requested && UUID.test(requested.entityId) ? requested.entityId.toLowerCase() : null;
  await recordAudit(getDb(), {
    action: "access.out_of_scope",
    outcome: "denied",
    actor: actorOf(viewer),
    entityType: requested?.entityType,
    entityId: wellFormed ?? undefined,
    studentId: requested?.entityType === "student" ? wellFormed : null,
    ip: viewer.ip,
    details: {
      ...(typeof spec.action === "string" ? { verb: spec.action } : {}),
      ...(requested && !wellFormed ? { malformedId: true } : {}),
    },
  });
}

/** Every refusal is recorded with its real verb and target: the read or change event, else `access.denied`. */
async function recordDenied(viewer: Viewer, action: Action, target: Target<unknown>, event?: AuditAction) {
  await recordAudit(getDb(), {
    action: event ?? "access.denied",
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

/** Attaches the viewer's rights (`may(verb)`) to a loaded target. */
export function withRights<E>(viewer: Viewer, target: Target<E>): Authorized<E> {
  return { ...target, may: (action: Action) => allowed(viewer, action, target) };
}

/**
 * Loads a resource for reading: not visible → NOT_FOUND (existence is never revealed); visible
 * but not permitted → FORBIDDEN and a denied audit event. With `event`, a successful read is
 * logged as an access event (IDEA §300.614 record of access).
 */
export async function read<E>(
  viewer: Viewer,
  spec: { action: ActionFor<E>; load: Loader<E>; event?: AuditAction; details?: Record<string, unknown> },
): Promise<Authorized<E>> {
  const target = await spec.load(getDb(), viewer);
  if (!target) {
    await recordOutOfScope(viewer, spec);
    throw new AppError("NOT_FOUND");
  }
  const action = resolveAction(spec.action, target);
  if (!allowed(viewer, action, target)) await refuse(viewer, action, target, spec.event);
  if (spec.event) await recordAccess(viewer, target, spec.event, spec.details);
  return withRights(viewer, target);
}

/**
 * `read()` for verbs that depend on the viewer's role alone: not permitted → FORBIDDEN and a
 * denied audit event naming the verb.
 */
export async function authorize(viewer: Viewer, action: Action): Promise<void> {
  await read(viewer, { action, load: viewerTarget() });
}

/** Refuses a visible target: writes the denied audit event (real verb and entity), throws FORBIDDEN. */
export async function refuse(
  viewer: Viewer,
  action: Action,
  target: Target<unknown>,
  event?: AuditAction,
): Promise<never> {
  await recordDenied(viewer, action, target, event);
  throw new AppError("FORBIDDEN");
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

/**
 * Logs a list read (a caseload, a roster, a work queue, a dashboard): one access event linked to
 * every student it showed, so the read appears in each student's record of access. Details hold
 * what was listed and the count, never content.
 */
export async function recordListAccess(
  viewer: Viewer,
  event: AuditAction,
  details: Record<string, unknown>,
  studentIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(studentIds)];
  // One statement (the event and its links in one insert): no transaction needed.
  await recordAuditForStudents(
    getDb(),
    { action: event, actor: actorOf(viewer), ip: viewer.ip, details: { ...details, students: ids.length } },
    ids,
  );
}

export interface MutationContext<E> {
  tx: Transaction;
  target: Authorized<E>;
  /** Ids, field names and counts for the audit row — never typed text. */
  details: Record<string, unknown>;
  /** Declares that `fn` wrote nothing (e.g. an autosave of identical text): no audit row. */
  unchanged: () => void;
  /** Links the audit row to every student a change touched (e.g. a whole-class log entry). */
  concerns: (studentIds: readonly string[]) => void;
}

/**
 * The only way to change data. In one transaction: load the target through the read scope
 * (not visible → NOT_FOUND), check `can()` (denied → FORBIDDEN, and a denied audit event is
 * written after the rollback), run `fn`, and append exactly one audit row (linked to every
 * student `fn` declares with `concerns`). Any error rolls back both the change and its audit row.
 * A target outside the scope is recorded as `access.out_of_scope`. With `submissionKey` (one per
 * rendered form) the first submission claims the key and stores its result; a repeat of the same
 * key answers that result and changes nothing.
 */
export async function mutate<E, T>(
  viewer: Viewer,
  spec: { action: ActionFor<E>; event: AuditAction; load: Loader<E>; submissionKey?: string },
  fn: (ctx: MutationContext<E>) => Promise<T>,
): Promise<T> {
  try {
    const committed = await getDb().transaction(async (tx) => {
      const target = await spec.load(tx, viewer);
      if (!target) throw new OutOfScope();
      const action = resolveAction(spec.action, target);
      if (!allowed(viewer, action, target)) throw new Denied(target, action);
      if (spec.submissionKey) await claimSubmission(tx, viewer, spec.event, spec.submissionKey);
      const details: Record<string, unknown> = {};
      let wroteNothing = false;
      const concerned: string[] = [];
      const result = await fn({
        tx,
        target: withRights(viewer, target),
        details,
        unchanged: () => (wroteNothing = true),
        concerns: (ids) => concerned.push(...ids),
      });
      if (spec.submissionKey) {
        await tx
          .update(formSubmissions)
          .set({ result: (result ?? null) as unknown })
          .where(and(eq(formSubmissions.userId, viewer.userId), eq(formSubmissions.key, spec.submissionKey)));
      }
      if (wroteNothing) return result;
      await recordAuditForStudents(
        tx,
        {
          action: spec.event,
          actor: actorOf(viewer),
          entityType: target.entityType,
          entityId: target.entityId,
          studentId: target.studentId ?? null,
          ip: viewer.ip,
          details,
        },
        concerned,
      );
      return result;
    });
    // Reads this request shared before the change (settings, calendars, students) are stale now.
    forgetRequestReads();
    return committed;
  } catch (error) {
    if (error instanceof Denied) await refuse(viewer, error.action, error.target, spec.event);
    if (error instanceof OutOfScope) {
      await recordOutOfScope(viewer, spec);
      throw new AppError("NOT_FOUND");
    }
    if (error instanceof Replayed) return (await submittedResult(viewer, spec.event, error.key)) as T;
    throw error;
  }
}

class OutOfScope extends Error {
  constructor() {
    super("out of scope");
  }
}

class Replayed extends Error {
  constructor(readonly key: string) {
    super("replayed submission");
  }
}

/**
 * Claims a form's submission key for this change. A key already claimed by a committed change
 * (on PostgreSQL the insert waits for a concurrent claim to commit or roll back) ends this
 * transaction with nothing written; the caller then answers the first submission's result.
 */
async function claimSubmission(tx: Transaction, viewer: Viewer, event: AuditAction, key: string) {
  const claimed = await tx
    .insert(formSubmissions)
    .values({ userId: viewer.userId, key, action: event })
    .onConflictDoNothing()
    .returning({ key: formSubmissions.key });
  if (claimed.length === 0) throw new Replayed(key);
}

async function submittedResult(viewer: Viewer, event: AuditAction, key: string): Promise<unknown> {
  const [row] = await getDb()
    .select({ action: formSubmissions.action, result: formSubmissions.result })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.userId, viewer.userId), eq(formSubmissions.key, key)));
  if (!row || row.action !== event) throw new AppError("CONFLICT");
  return row.result ?? undefined;
}
