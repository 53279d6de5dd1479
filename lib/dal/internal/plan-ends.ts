import "server-only";
import { and, asc, eq, isNull, lte, or, gte, type Column } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import {
  caseEvents,
  guardianships,
  planEnds,
  plans,
  planVersions,
  priorWrittenNotices,
  students,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { addDays } from "@/lib/compliance/dates";
import { exitReasons, type ExitReason } from "@/lib/compliance/rules";
import { AppError } from "@/lib/errors";
import { familyLanguage } from "@/lib/meetings/rules";
import { appUrl } from "@/lib/notifications/app-url";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { translatorFor } from "@/lib/notifications/translator";
import type { PlanEndReason } from "@/lib/plans/transitions";
import { refreshDeadlines } from "./deadline-store";
import { GATE_MESSAGES, stayPutPending } from "./plan-lifecycle";
import { refreshSummariesOfStudents } from "./coverage";
import { DEFAULT_TIME_ZONE, todayIn } from "@/lib/time";

/**
 * Completing a plan end (issue 12): the version in force goes active → ended the day before the end's
 * date, the plan's final versions that never took effect are closed, the plan ends, and the case
 * event the deadline engine reads is written by the workflow (`exited` with the reason for an IEP,
 * `plan504_ended` for a 504 plan; `source_id` = the version). Unscoped: callers loaded the version
 * through the viewer's scope, or are the jobs runner acting for the district.
 */
export async function completePlanEnd(
  tx: Transaction,
  input: {
    endId: string;
    actor: { userId: string; role: string; districtId: string } | null;
    now: Date;
    /** The district's local date, for the school's delivery summary (default: `now` in the default zone). */
    today?: string;
  },
): Promise<{ versionId: string; endedOn: string }> {
  const [end] = await tx.select().from(planEnds).where(eq(planEnds.id, input.endId)).for("update");
  if (!end || end.status !== "scheduled") throw new AppError("CONFLICT", "errors.transition.notScheduled");
  if (end.stayPutFilingId) throw new AppError("VALIDATION", "errors.transition.heldUnderStayPut");
  if (await stayPutPending(tx, end.studentId, end.planType)) throw new AppError("VALIDATION", GATE_MESSAGES.noStayPut);
  const endedOn = addDays(end.endsOn, -1);
  await tx.update(planEnds).set({ status: "completed", completedAt: input.now }).where(eq(planEnds.id, end.id));
  await endVersion(tx, { versionId: end.versionId, planId: end.planId, endedOn, now: input.now });
  await tx
    .insert(caseEvents)
    .values({
      districtId: end.districtId,
      studentId: end.studentId,
      type: end.planType === "iep" ? "exited" : "plan504_ended",
      exitReason: isExitReason(end.reason) ? end.reason : null,
      date: endedOn,
      source: "workflow",
      sourceId: end.versionId,
      recordedBy: input.actor?.userId ?? null,
    })
    .onConflictDoNothing();
  await refreshDeadlines(tx, { districtId: end.districtId, studentIds: [end.studentId] });
  await refreshSummariesOfStudents(tx, {
    studentIds: [end.studentId],
    today: input.today ?? todayIn(DEFAULT_TIME_ZONE, input.now),
  });
  await recordAudit(tx, {
    action: "plan.ended",
    actor: input.actor,
    districtId: end.districtId,
    entityType: "plan_version",
    entityId: end.versionId,
    studentId: end.studentId,
    details: { versionId: end.versionId, endId: end.id, reason: end.reason, endedOn },
  });
  return { versionId: end.versionId, endedOn };
}

function isExitReason(reason: string): reason is ExitReason {
  return (exitReasons as readonly string[]).includes(reason);
}

/** Ends a version in force (its plan end is on record), the plan's final versions and the plan. */
export async function endVersion(
  tx: Transaction,
  input: { versionId: string; planId: string; endedOn: string; now: Date },
) {
  await tx
    .update(planVersions)
    .set({ status: "ended", endedOn: input.endedOn, closedAt: input.now })
    .where(eq(planVersions.id, input.versionId));
  await tx
    .update(planVersions)
    .set({ status: "ended", endedOn: input.endedOn, closedAt: input.now })
    .where(and(eq(planVersions.planId, input.planId), eq(planVersions.status, "final")));
  await tx.update(plans).set({ endedAt: input.now }).where(eq(plans.id, input.planId));
}

/**
 * Scheduled plan ends whose date has come (the jobs runner's work list, oldest first); an end held
 * under stay-put (CL-7) is not on it: staff cancel or reschedule it once the filing is closed.
 */
export async function dueScheduledEnds(db: Executor, today: string, districtId?: string) {
  return db
    .select({ id: planEnds.id, studentId: planEnds.studentId, versionId: planEnds.versionId })
    .from(planEnds)
    .where(
      and(
        eq(planEnds.status, "scheduled"),
        isNull(planEnds.stayPutFilingId),
        lte(planEnds.endsOn, today),
        districtId ? eq(planEnds.districtId, districtId) : undefined,
      ),
    )
    .orderBy(asc(planEnds.endsOn));
}

/** The open (scheduled) end of a version, if any. */
export async function scheduledEndOf(db: Executor, versionId: string) {
  const [row] = await db
    .select()
    .from(planEnds)
    .where(and(eq(planEnds.versionId, versionId), eq(planEnds.status, "scheduled")))
    .limit(1);
  return row ?? null;
}

/**
 * Queues a notice to each guardian who receives notices (active that day, not restricted) that a
 * plan ended or will end, in the guardian's language, through the notifications outbox (once per
 * guardian and plan version). Notices keep going to parents after the student turns 18 (CL-10).
 */
export async function notifyGuardiansOfEnd(
  db: Executor,
  input: {
    districtId: string;
    studentId: string;
    versionId: string;
    reason: PlanEndReason;
    endsOn: string;
    today: string;
  },
): Promise<number> {
  const rows = await db
    .select({ userId: users.id, email: users.email, locale: users.locale, firstName: students.firstName })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.guardianUserId))
    .innerJoin(students, eq(students.id, guardianships.studentId))
    .where(
      and(
        eq(guardianships.studentId, input.studentId),
        eq(guardianships.receivesNotices, true),
        eq(guardianships.restricted, false),
        eq(users.isActive, true),
        lte(guardianships.startsOn, input.today),
        or(isNull(guardianships.endsOn), gte(guardianships.endsOn, input.today)),
      ),
    );
  let queued = 0;
  for (const row of rows) {
    const { t, formatDate } = await translatorFor(row.locale);
    const sent = await enqueueNotification(db, {
      districtId: input.districtId,
      userId: row.userId,
      to: row.email,
      kind: "transitions.plan_end",
      dedupeKey: `transitions.plan_end:${input.versionId}:${row.userId}`,
      subject: t("transitions.notifications.endSubject", { student: row.firstName }),
      body: t("transitions.notifications.endBody", {
        student: row.firstName,
        reason: t(`transitions.reasons.${input.reason}`),
        date: formatDate(input.endsOn),
        url: `${appUrl()}/students/${input.studentId}`,
      }),
    });
    if (sent) queued++;
  }
  return queued;
}

/**
 * The `plan_ends` rows of a scheduled end of the student's IEP by transfer to a 504 plan (CL-9), not
 * held under stay-put (CL-7: the IEP continues, so no 504 plan is scheduled after it). `studentId` may
 * be a column of the surrounding query.
 */
export function transferEndCondition(studentId: string | Column) {
  return and(
    eq(planEnds.studentId, studentId),
    eq(planEnds.status, "scheduled"),
    isNull(planEnds.stayPutFilingId),
    eq(planEnds.reason, "transferred_to_504"),
  );
}

/** The scheduled end of a student's IEP in force by transfer to a 504 plan, if any (see `transferEndCondition`). */
export async function transferEndOf(db: Executor, studentId: string) {
  const [row] = await db
    .select({ id: planEnds.id, endsOn: planEnds.endsOn, versionId: planEnds.versionId })
    .from(planEnds)
    .where(transferEndCondition(studentId))
    .limit(1);
  return row ?? null;
}

/**
 * Revocation of consent to special education (CL-6): the system drafts the PWN stating that services
 * end — program IEP, propose × placement, not tied to a plan version, in the family's language, with
 * the action, the reason and the safeguards filled in (staff complete the rest and send it; the IEP
 * ends on its implementation date through `endIep` with reason "consent revoked"). Only when the
 * student has an IEP in force and no such draft is open. Returns the notice id, or null.
 */
export async function draftRevocationNotice(
  tx: Executor,
  input: { districtId: string; studentId: string; revokedOn: string },
): Promise<string | null> {
  const [student] = await tx
    .select({ parentLanguage: students.parentLanguage })
    .from(students)
    .where(eq(students.id, input.studentId));
  const [active] = await tx
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.studentId, input.studentId),
        eq(planVersions.planType, "iep"),
        eq(planVersions.status, "active"),
      ),
    )
    .limit(1);
  if (!student || !active) return null;
  const language = familyLanguage(student.parentLanguage);
  const { t, formatDate } = await translatorFor(language);
  const [row] = await tx
    .insert(priorWrittenNotices)
    .values({
      districtId: input.districtId,
      studentId: input.studentId,
      program: "iep",
      action: "propose",
      subject: "placement",
      actionDescription: t("transitions.revocationNotice.action"),
      reasons: t("transitions.revocationNotice.reasons", { date: formatDate(input.revokedOn) }),
      optionsConsidered: t("transitions.revocationNotice.options"),
      safeguardsStatement: t("meetings.pwn.defaultSafeguards"),
      helpSources: t("meetings.pwn.defaultHelpSources"),
      language,
    })
    .returning({ id: priorWrittenNotices.id });
  return row!.id;
}
