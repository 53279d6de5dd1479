import { z } from "zod";
import type { AuditAction } from "@/lib/audit/catalog";
import type { Action } from "@/lib/policy/catalog";

/**
 * The plan lifecycle as one table (issue 11): every legal move of a plan version's status, the
 * policy verb that allows it, the audit event it writes and the gates it must pass. The data layer
 * (lib/dal/plans.ts) walks it, the plan page lists its rows for the viewer, and the database trigger
 * `plan_versions_guard` (migration 0018) holds the same pairs — a test derives every pair from here
 * and tries it in SQL, so the two cannot drift.
 */

export const VERSION_STATUSES = ["draft", "proposed", "final", "active", "superseded", "ended"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * What must hold for a move (checked by the data layer with a specific message, and by the
 * database trigger):
 * - `complete`: every required field is filled (lib/validation/plan-completeness).
 * - `meetingHeld`: a held meeting of the same student and program on the version's meeting date,
 *   not a future date; for an IEP, one for an initial IEP, annual review or revision — or, for an IEP
 *   amendment, the parent's written agreement to amend without a meeting (C-07).
 * - `initialServicesConsent`: a first IEP needs granted, unrevoked consent to initial services (C-02).
 * - `noticeImplemented`: every IEP, the first included, needs a sent PWN proposing it (N-01),
 *   implemented on or before the effective date (D-05). A later IEP needs no consent (CL-5: do not
 *   over-gate).
 * - `plan504Consent`: written consent to a 504 plan, only when the district requires it ([U]).
 * - `noStayPut`: no pending due-process filing for the student in that program (300.518, CL-7).
 */
export type Guard =
  "complete" | "meetingHeld" | "initialServicesConsent" | "noticeImplemented" | "plan504Consent" | "noStayPut";

export interface Transition {
  from: VersionStatus;
  to: VersionStatus;
  /** What the step is called (the page's button, the DAL function). */
  step: "propose" | "returnToDraft" | "finalize" | "activate" | "supersede" | "end";
  verb: Action;
  event: AuditAction;
  guards: readonly Guard[];
}

const ACTIVATION_GUARDS = ["noStayPut", "initialServicesConsent", "noticeImplemented", "plan504Consent"] as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: "draft", to: "proposed", step: "propose", verb: "plan.propose", event: "plan.proposed", guards: [] },
  {
    from: "proposed",
    to: "draft",
    step: "returnToDraft",
    verb: "plan.propose",
    event: "plan.returned_to_draft",
    guards: [],
  },
  {
    from: "draft",
    to: "final",
    step: "finalize",
    verb: "plan.finalize",
    event: "plan.finalized",
    guards: ["complete", "meetingHeld"],
  },
  {
    from: "proposed",
    to: "final",
    step: "finalize",
    verb: "plan.finalize",
    event: "plan.finalized",
    guards: ["complete", "meetingHeld"],
  },
  {
    from: "final",
    to: "active",
    step: "activate",
    verb: "plan.activate",
    event: "plan.activated",
    guards: ACTIVATION_GUARDS,
  },
  // The version in force is superseded when the next version of its plan becomes active.
  { from: "active", to: "superseded", step: "supersede", verb: "plan.activate", event: "plan.activated", guards: [] },
  // An active plan ends (an IEP replaces a 504 plan, Rule 504-4) — never while stay-put holds it.
  { from: "active", to: "ended", step: "end", verb: "plan.activate", event: "plan.ended", guards: ["noStayPut"] },
  // A final version that never took effect is closed when its plan ends.
  { from: "final", to: "ended", step: "end", verb: "plan.activate", event: "plan.ended", guards: [] },
];

/** The row of the table for a move, or undefined when the move is illegal. */
export function transition(from: VersionStatus, to: VersionStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** Whether a version may move from one status to another (the trigger's pair check). */
export function isLegal(from: VersionStatus, to: VersionStatus): boolean {
  return transition(from, to) !== undefined;
}

/** The rows a version in `from` may take by a named step. */
export function transitionsFrom(from: VersionStatus, step?: Transition["step"]): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && (step === undefined || t.step === step));
}

/** Every (from, to) pair with from ≠ to that the table does not allow. */
export function illegalPairs(): Array<[VersionStatus, VersionStatus]> {
  const pairs: Array<[VersionStatus, VersionStatus]> = [];
  for (const from of VERSION_STATUSES)
    for (const to of VERSION_STATUSES) if (from !== to && !isLegal(from, to)) pairs.push([from, to]);
  return pairs;
}

/**
 * A student's first IEP (C-02): no earlier IEP of the student was ever in force — a version, or an
 * implementation on record from before PlanPath (`endedOn` = its date) — or each one that was is
 * followed by an `exited` event on or after the day it ended (a student who left special education
 * and returns starts again with consent to initial services).
 */
export function isFirstIep(
  earlier: ReadonlyArray<{ activated: boolean; endedOn: string | null }>,
  exitDates: readonly string[],
): boolean {
  return earlier.every((v) => !v.activated || (v.endedOn !== null && exitDates.some((exitOn) => exitOn >= v.endedOn!)));
}

/** District settings of the lifecycle (`districts.settings.lifecycle`). */
export const lifecycleSettingsSchema = z
  .strictObject({
    /**
     * A 504 plan becomes active only with the parent's written consent to it (false). [U]: Section 504
     * requires consent to the evaluation; written consent to the plan itself is district practice.
     */
    require504WrittenConsent: z.boolean().default(false),
    /** Aging out (D-21, [S]): FAPE ends at the close of the school year in which the student turns this age. */
    fapeEndAge: z.int().min(18).max(26).default(22),
    /** Aging out ([S]): the month-day that closes the school year (MM-DD, Connecticut: June 30). */
    fapeEndMonthDay: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/)
      .default("06-30"),
  })
  .prefault({});

export type LifecycleSettings = z.output<typeof lifecycleSettingsSchema>;

/** Reads the lifecycle settings out of `districts.settings`, defaults filled in. */
export function parseLifecycleSettings(settings: Record<string, unknown>): LifecycleSettings {
  const parsed = lifecycleSettingsSchema.safeParse(settings.lifecycle ?? {});
  return parsed.success ? parsed.data : lifecycleSettingsSchema.parse({});
}
