import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseEvents, districts, dueProcessFilings, planVersions } from "@/db/schema";
import type { Transaction } from "@/db/client";
import { setupTestDatabase } from "@/db/testing/database";
import { dbError, failsWith } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { consentFor, heldMeeting, legalRecordFor, pendingFiling, sentNotice } from "@/db/testing/lifecycle-fixtures";
import { caseloadStudent, completeDraft as buildCompleteDraft } from "@/db/testing/plan-builders";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { runScheduledActivations } from "@/lib/jobs/plan-activation";
import { illegalPairs, TRANSITIONS, type VersionStatus } from "@/lib/plans/lifecycle";
import { recordCaseEventSchema } from "@/lib/validation/deadlines";
import { recordCaseEvent } from "./case-events";
import { getPlanView, getStudentCase } from "./plan-views";
import { activateVersion, createPlan, finalizeVersion, proposeVersion, saveDraft, startAmendment } from "./plans";

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
let principal: Viewer;

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  principal = await viewerFor(world.users.principalA);
});

const MEETING = "2026-10-15";
const EFFECTIVE = "2026-10-20";

async function version(id: string) {
  const [row] = await db().select().from(planVersions).where(eq(planVersions.id, id));
  return row!;
}

/** A new student on the case manager's caseload at school A, so each test owns its plans. */
const freshStudent = () => caseloadStudent(world, { firstName: "Lee", lastName: "Cycle" });

const completeDraft = (studentId: string, type: "iep" | "504" = "iep") =>
  buildCompleteDraft(type === "iep" ? caseManager : principal, studentId, type);

async function finalIep(studentId: string) {
  const { planId, versionId } = await completeDraft(studentId);
  await legalRecordFor(db(), versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId });
  return { planId, versionId };
}

async function activeIep(studentId: string, effectiveOn = EFFECTIVE) {
  const ids = await finalIep(studentId);
  await activateVersion(caseManager, { versionId: ids.versionId, effectiveOn });
  return ids;
}

/** A 504 plan in force since EFFECTIVE, replaced today by an IEP put in force by the case manager. */
async function iepReplacing504(studentId: string) {
  const p504 = await completeDraft(studentId, "504");
  await legalRecordFor(db(), p504.versionId, principal.userId);
  await finalizeVersion(principal, { versionId: p504.versionId });
  await activateVersion(principal, { versionId: p504.versionId, effectiveOn: EFFECTIVE });
  const iep = await finalIep(studentId);
  await activateVersion(caseManager, { versionId: iep.versionId, effectiveOn: caseManager.today, endActive504: true });
  return { p504, iep };
}

/** An amendment of an active IEP, finalized after a held revision meeting (no PWN yet). */
async function finalAmendment(activeId: string) {
  const { versionId } = await startAmendment(caseManager, { versionId: activeId });
  const v = await version(versionId);
  await heldMeeting(db(), { studentId: v.studentId, program: "iep", heldOn: MEETING, purposes: ["revision"] });
  await finalizeVersion(caseManager, { versionId });
  return versionId;
}

/** Runs statements as the app role in a transaction that is always rolled back. */
async function tryInRollback(fn: (tx: Transaction) => Promise<void>) {
  const rolledBack = new Error("rollback");
  await expect(
    db().transaction(async (tx) => {
      await fn(tx);
      throw rolledBack;
    }),
  ).rejects.toBe(rolledBack);
}

describe("every transition of the table against the database trigger", () => {
  const at: Partial<Record<VersionStatus, string>> = {};
  let held: Record<string, string> = {};

  beforeAll(async () => {
    const a = await freshStudent();
    at.draft = (await completeDraft(a.id)).versionId;
    const b = await freshStudent();
    at.proposed = (await completeDraft(b.id)).versionId;
    await proposeVersion(caseManager, { versionId: at.proposed });
    const c = await freshStudent();
    at.final = (await finalIep(c.id)).versionId;
    const d = await freshStudent();
    const first = await activeIep(d.id);
    at.superseded = first.versionId;
    const amendment = await finalAmendment(first.versionId);
    await sentNotice(db(), {
      studentId: d.id,
      versionId: amendment,
      sentOn: MEETING,
      implementationDate: MEETING,
      sentBy: caseManager.userId,
    });
    await activateVersion(caseManager, { versionId: amendment, effectiveOn: caseManager.today });
    at.active = amendment;
    at.ended = (await iepReplacing504((await freshStudent()).id)).p504.versionId;
    held = {
      [at.draft]: await heldMeeting(db(), { studentId: a.id, program: "iep", heldOn: MEETING }),
      [at.proposed]: await heldMeeting(db(), { studentId: b.id, program: "iep", heldOn: MEETING }),
    };
    await consentFor(db(), { studentId: c.id, versionId: at.final, type: "initial_services", requestedOn: MEETING });
  });

  it("the statuses were reached through the data layer", async () => {
    for (const status of ["draft", "proposed", "final", "active", "superseded", "ended"] as const)
      expect((await version(at[status]!)).status).toBe(status);
  });

  it.each(illegalPairs())("%s → %s is refused directly in SQL", async (from, to) => {
    const id = at[from]!;
    await expect(
      db().execute(
        sql`update plan_versions set status = ${to}::plan_version_status, content_hash = coalesce(content_hash, 'x'),
            effective_on = coalesce(effective_on, current_date) where id = ${id}`,
      ),
    ).rejects.toSatisfy(dbError(new RegExp(`cannot go from ${from} to ${to}`)));
    expect((await version(id)).status).toBe(from);
  });

  it.each(TRANSITIONS.map((t) => [t.from, t.to] as const))(
    "%s → %s passes in SQL when its guards hold",
    async (from, to) => {
      const id = at[from]!;
      const v = await version(id);
      await tryInRollback(async (tx) => {
        if (from === "active" && to === "ended") {
          // An active version ends only through its recorded plan end (issue 12, migration 0025).
          const endsOn = addDays(v.effectiveOn!, 12);
          const notice = await sentNotice(tx, {
            studentId: v.studentId,
            versionId: null,
            sentOn: v.effectiveOn!,
            implementationDate: endsOn,
            sentBy: caseManager.userId,
          });
          await tx.execute(
            sql`insert into plan_ends (district_id, student_id, plan_id, version_id, plan_type, reason, ends_on, notice_id)
                values (${world.district.id}, ${v.studentId}, ${v.planId}, ${id}, 'iep', 'moved', ${endsOn}, ${notice})`,
          );
        }
        await tx.execute(
          sql`update plan_versions set status = ${to}::plan_version_status,
              ended_on = coalesce(ended_on, (select e.ends_on - 1 from plan_ends e where e.version_id = ${id})),
              content_hash = coalesce(content_hash, 'x'),
              meeting_id = case when status in ('draft', 'proposed') then ${held[id] ?? null}::uuid else meeting_id end,
              effective_on = coalesce(effective_on, ${EFFECTIVE}::date) where id = ${id}`,
        );
        const [row] = await tx
          .select({ status: planVersions.status })
          .from(planVersions)
          .where(eq(planVersions.id, id));
        expect(row!.status).toBe(to);
      });
    },
  );

  it("a version cannot be inserted past draft", async () => {
    const row = await version(at.draft!);
    await expect(
      db().execute(
        sql`insert into plan_versions (plan_id, student_id, plan_type, number, status, content, content_hash, effective_on)
            values (${row.planId}, ${row.studentId}, 'iep', 99, 'active', '{}'::jsonb, 'x', current_date)`,
      ),
    ).rejects.toSatisfy(dbError(/starts as a draft/));
  });
});

describe("finalize: a held meeting on the meeting date, not a future date", () => {
  it("without a held meeting the DAL refuses with a specific message and changes nothing; so does SQL", async () => {
    const student = await freshStudent();
    const { versionId } = await completeDraft(student.id);
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.meetingNotHeld"),
    );
    expect(await version(versionId)).toMatchObject({ status: "draft", meetingId: null, contentHash: null });
    await expect(
      db().execute(sql`update plan_versions set status = 'final', content_hash = 'x' where id = ${versionId}`),
    ).rejects.toSatisfy(dbError(/without a held meeting/));
  });

  it("a meeting held on another day, a scheduled meeting, or a 504 meeting does not count", async () => {
    const student = await freshStudent();
    const { versionId } = await completeDraft(student.id);
    await heldMeeting(db(), { studentId: student.id, program: "iep", heldOn: "2026-10-14" });
    await heldMeeting(db(), { studentId: student.id, program: "504", heldOn: MEETING });
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.meetingNotHeld"),
    );
    const other = await heldMeeting(db(), { studentId: student.id, program: "iep", heldOn: "2026-10-14" });
    await expect(
      db().execute(
        sql`update plan_versions set status = 'final', content_hash = 'x', meeting_id = ${other} where id = ${versionId}`,
      ),
    ).rejects.toSatisfy(dbError(/not a held iep meeting on 2026-10-15/));
  });

  it("a meeting date in the future is refused (the team decides after it meets)", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const future = addDays(caseManager.today, 7);
    await saveDraft(caseManager, { versionId, lockVersion: 1, content: completeIepContent({ meetingDate: future }) });
    await heldMeeting(db(), { studentId: student.id, program: "iep", heldOn: future });
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.meetingInFuture"),
    );
    expect((await version(versionId)).status).toBe("draft");
  });

  it("finalizing stores the meeting; a second finalize answers CONFLICT", async () => {
    const student = await freshStudent();
    const { versionId } = await completeDraft(student.id);
    const { meetingId } = await legalRecordFor(db(), versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId });
    expect(await version(versionId)).toMatchObject({ status: "final", meetingId });
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy(failsWith("CONFLICT"));
  });

  it("C-07: an amendment without a meeting is finalized with the parent's written agreement, not without it", async () => {
    const student = await freshStudent();
    const { versionId: activeId } = await activeIep(student.id);
    const { versionId } = await startAmendment(caseManager, { versionId: activeId });
    await consentFor(db(), {
      studentId: student.id,
      versionId,
      type: "amendment_without_meeting",
      requestedOn: MEETING,
      decisions: ["refused"],
    });
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.meetingNotHeld"),
    );
    await consentFor(db(), {
      studentId: student.id,
      versionId,
      type: "amendment_without_meeting",
      requestedOn: MEETING,
    });
    await finalizeVersion(caseManager, { versionId });
    expect(await version(versionId)).toMatchObject({ status: "final", meetingId: null });
  });
});

describe("activation gates", () => {
  it("C-02, N-01: a first IEP needs granted consent to initial services — not a refused or revoked one — and a sent PWN (DAL and SQL)", async () => {
    const student = await freshStudent();
    const { versionId } = await completeDraft(student.id);
    await heldMeeting(db(), { studentId: student.id, program: "iep", heldOn: MEETING, purposes: ["initial_iep"] });
    await finalizeVersion(caseManager, { versionId });
    const before = await countAudit(caseManager.userId, "plan.activated");
    await expect(activateVersion(caseManager, { versionId, effectiveOn: EFFECTIVE })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.initialServicesConsent"),
    );
    await consentFor(db(), {
      studentId: student.id,
      versionId,
      type: "initial_services",
      requestedOn: MEETING,
      decisions: ["granted", "revoked"],
    });
    await expect(activateVersion(caseManager, { versionId, effectiveOn: EFFECTIVE })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.initialServicesConsent"),
    );
    await expect(
      db().execute(
        sql`update plan_versions set status = 'active', effective_on = ${EFFECTIVE} where id = ${versionId}`,
      ),
    ).rejects.toSatisfy(dbError(/first IEP: it needs granted consent to initial services/));
    expect((await version(versionId)).status).toBe("final");
    expect(await countAudit(caseManager.userId, "plan.activated")).toBe(before);
    await consentFor(db(), { studentId: student.id, versionId, type: "initial_services", requestedOn: MEETING });
    // Consent is not notice: the first IEP, too, is proposed by a sent PWN (N-01, D-05).
    await expect(activateVersion(caseManager, { versionId, effectiveOn: EFFECTIVE })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.lifecycle.noticeMissing"),
    );
    await expect(
      db().execute(
        sql`update plan_versions set status = 'active', effective_on = ${EFFECTIVE} where id = ${versionId}`,
      ),
    ).rejects.toSatisfy(dbError(/needs a sent prior written notice proposing it/));
    await sentNotice(db(), {
      studentId: student.id,
      versionId,
      sentOn: MEETING,
      implementationDate: EFFECTIVE,
      sentBy: caseManager.userId,
    });
    await activateVersion(caseManager, { versionId, effectiveOn: EFFECTIVE });
    expect((await version(versionId)).status).toBe("active");
  });

  it("CL-5: a revised IEP needs no consent but a sent PWN implemented by the effective date (DAL and SQL)", async () => {
    const student = await freshStudent();
    const { versionId: activeId } = await activeIep(student.id);
    const amendment = await finalAmendment(activeId);
    await expect(
      activateVersion(caseManager, { versionId: amendment, effectiveOn: caseManager.today }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.lifecycle.noticeMissing"));
    await expect(
      db().execute(
        sql`update plan_versions set status = 'active', effective_on = ${caseManager.today} where id = ${amendment}`,
      ),
    ).rejects.toSatisfy(dbError(/needs a sent prior written notice/));
    const implementation = addDays(caseManager.today, 14);
    await sentNotice(db(), {
      studentId: student.id,
      versionId: amendment,
      sentOn: caseManager.today,
      implementationDate: implementation,
      sentBy: caseManager.userId,
    });
    await expect(
      activateVersion(caseManager, { versionId: amendment, effectiveOn: caseManager.today }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.lifecycle.beforeImplementationDate"));
    expect((await version(amendment)).status).toBe("final");
    expect((await version(activeId)).status).toBe("active");
    await sentNotice(db(), {
      studentId: student.id,
      versionId: amendment,
      sentOn: MEETING,
      implementationDate: MEETING,
      sentBy: caseManager.userId,
    });
    await activateVersion(caseManager, { versionId: amendment, effectiveOn: caseManager.today });
    expect((await version(amendment)).status).toBe("active");
    expect((await version(activeId)).status).toBe("superseded");
  });

  it("504 plans need written consent only when the district requires it ([U] setting, off by default)", async () => {
    const student = await freshStudent();
    const { versionId } = await completeDraft(student.id, "504");
    await heldMeeting(db(), { studentId: student.id, program: "504", heldOn: MEETING });
    await finalizeVersion(principal, { versionId });
    await db()
      .update(districts)
      .set({ settings: sql`${districts.settings} || '{"lifecycle":{"require504WrittenConsent":true}}'::jsonb` })
      .where(eq(districts.id, world.district.id));
    try {
      await expect(activateVersion(principal, { versionId, effectiveOn: EFFECTIVE })).rejects.toSatisfy(
        failsWith("VALIDATION", "errors.lifecycle.plan504Consent"),
      );
      await expect(
        db().execute(
          sql`update plan_versions set status = 'active', effective_on = ${EFFECTIVE} where id = ${versionId}`,
        ),
      ).rejects.toSatisfy(dbError(/written consent to the 504 plan/));
    } finally {
      await db()
        .update(districts)
        .set({ settings: sql`${districts.settings} - 'lifecycle'` })
        .where(eq(districts.id, world.district.id));
    }
    await activateVersion(principal, { versionId, effectiveOn: EFFECTIVE });
    const [event] = await db().select().from(caseEvents).where(eq(caseEvents.sourceId, versionId));
    expect(event).toMatchObject({ type: "plan504_activated", date: EFFECTIVE, source: "workflow" });
  });

  it("CL-7 stay-put: a pending filing blocks a new version and ending a plan until it is closed (DAL and SQL)", async () => {
    const student = await freshStudent();
    const { versionId: activeId } = await activeIep(student.id);
    const amendment = await finalAmendment(activeId);
    await sentNotice(db(), {
      studentId: student.id,
      versionId: amendment,
      sentOn: MEETING,
      implementationDate: MEETING,
      sentBy: caseManager.userId,
    });
    const filing = await pendingFiling(db(), { studentId: student.id, filedOn: MEETING });
    await expect(
      activateVersion(caseManager, { versionId: amendment, effectiveOn: caseManager.today }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.lifecycle.stayPut"));
    await expect(
      db().execute(
        sql`update plan_versions set status = 'active', effective_on = ${caseManager.today} where id = ${amendment}`,
      ),
    ).rejects.toSatisfy(dbError(/stay-put/));
    await expect(
      db().execute(
        sql`update plan_versions set status = 'ended', ended_on = ${caseManager.today} where id = ${activeId}`,
      ),
    ).rejects.toSatisfy(dbError(/stay-put/));
    expect((await version(activeId)).status).toBe("active");
    await db()
      .update(dueProcessFilings)
      .set({ status: "agreement", closedOn: caseManager.today, closingNote: "Parties agreed in writing." })
      .where(eq(dueProcessFilings.id, filing));
    await activateVersion(caseManager, { versionId: amendment, effectiveOn: caseManager.today });
    expect((await version(amendment)).status).toBe("active");
  });

  it("an IEP replacing a 504 plan writes plan504_ended for the 504 version and iep_implemented for the IEP", async () => {
    const student = await freshStudent();
    const { p504, iep } = await iepReplacing504(student.id);
    const events = await db()
      .select({
        type: caseEvents.type,
        date: caseEvents.date,
        sourceId: caseEvents.sourceId,
        source: caseEvents.source,
      })
      .from(caseEvents)
      .where(and(eq(caseEvents.studentId, student.id), eq(caseEvents.source, "workflow")));
    expect(events).toEqual(
      expect.arrayContaining([
        { type: "plan504_activated", date: EFFECTIVE, sourceId: p504.versionId, source: "workflow" },
        { type: "plan504_ended", date: addDays(caseManager.today, -1), sourceId: p504.versionId, source: "workflow" },
        { type: "iep_implemented", date: caseManager.today, sourceId: iep.versionId, source: "workflow" },
      ]),
    );
    expect(events).toHaveLength(3);
    const [ended] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, p504.versionId), eq(auditEvents.action, "plan.ended")));
    expect(ended).toMatchObject({ actorUserId: caseManager.userId, outcome: "success" });
    expect(ended!.details).toMatchObject({ replacedByVersionId: iep.versionId });
  });
});

describe("scheduled activation", () => {
  it("a future effective date is stored on the final version; the job puts it in force on that day, audited as the system", async () => {
    const student = await freshStudent();
    const { versionId } = await finalIep(student.id);
    const monday = addDays(caseManager.today, 3);
    const result = await activateVersion(caseManager, { versionId, effectiveOn: monday });
    expect(result).toEqual({ scheduled: true, effectiveOn: monday });
    expect(await version(versionId)).toMatchObject({ status: "final", effectiveOn: monday, activatedAt: null });
    expect(await countAudit(caseManager.userId, "plan.activation_scheduled")).toBeGreaterThan(0);
    await expect(activateVersion(caseManager, { versionId, effectiveOn: caseManager.today })).rejects.toSatisfy(
      failsWith("CONFLICT", "errors.lifecycle.alreadyScheduled"),
    );

    expect(await runScheduledActivations({ today: addDays(monday, -1), districtId: world.district.id })).toEqual({
      activated: 0,
      refused: 0,
      ended: 0,
      endsRefused: 0,
    });
    expect((await version(versionId)).status).toBe("final");

    expect(await runScheduledActivations({ today: monday, districtId: world.district.id })).toMatchObject({
      activated: 1,
    });
    expect(await version(versionId)).toMatchObject({ status: "active", effectiveOn: monday });
    const [event] = await db().select().from(caseEvents).where(eq(caseEvents.sourceId, versionId));
    expect(event).toMatchObject({ type: "iep_implemented", date: monday, source: "workflow", recordedBy: null });
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, versionId), eq(auditEvents.action, "plan.activated")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: null, outcome: "success" });
  });

  it("the job applies the same gates: consent revoked before the date keeps the version final, refusal audited", async () => {
    const student = await freshStudent();
    const { versionId } = await completeDraft(student.id);
    await heldMeeting(db(), { studentId: student.id, program: "iep", heldOn: MEETING, purposes: ["initial_iep"] });
    await finalizeVersion(caseManager, { versionId });
    const request = await consentFor(db(), {
      studentId: student.id,
      versionId,
      type: "initial_services",
      requestedOn: MEETING,
    });
    const later = addDays(caseManager.today, 5);
    await sentNotice(db(), {
      studentId: student.id,
      versionId,
      sentOn: MEETING,
      implementationDate: later,
      sentBy: caseManager.userId,
    });
    await activateVersion(caseManager, { versionId, effectiveOn: later });
    const { consentResponses } = await import("@/db/schema");
    const [granted] = await db().select().from(consentResponses).where(eq(consentResponses.requestId, request));
    await db()
      .insert(consentResponses)
      .values({
        ...granted!,
        id: undefined,
        decision: "revoked",
        revocationAcknowledged: true,
        respondedAt: new Date(granted!.respondedAt.getTime() + 60_000),
      });
    expect(await runScheduledActivations({ today: later, districtId: world.district.id })).toMatchObject({
      refused: 1,
    });
    expect((await version(versionId)).status).toBe("final");
    const [refusal] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, versionId), eq(auditEvents.outcome, "failure")));
    expect(refusal!.details).toMatchObject({ reason: "errors.lifecycle.initialServicesConsent", scheduled: true });
  });
});

describe("the plan page lists the steps available now, with the reason for each unavailable one", () => {
  it("finalize without a held meeting, activation without C-02 consent or a PWN: reasons instead of buttons", async () => {
    const student = await freshStudent();
    const { planId, versionId } = await completeDraft(student.id);
    let view = await getPlanView(caseManager, planId);
    expect(view.steps).toEqual([
      { step: "propose", available: true, reason: null, href: null },
      {
        step: "finalize",
        available: false,
        reason: "lifecycle.unavailable.meetingNotHeld",
        href: `/students/${student.id}/meetings`,
      },
    ]);
    await heldMeeting(db(), { studentId: student.id, program: "iep", heldOn: MEETING, purposes: ["initial_iep"] });
    view = await getPlanView(caseManager, planId);
    expect(view.steps.find((s) => s.step === "finalize")).toMatchObject({ available: true });
    await finalizeVersion(caseManager, { versionId });
    view = await getPlanView(caseManager, planId);
    expect(view.steps).toEqual([
      {
        step: "activate",
        available: false,
        reason: "lifecycle.unavailable.initialServicesConsent",
        href: `/students/${student.id}/consents`,
      },
    ]);
    await consentFor(db(), { studentId: student.id, versionId, type: "initial_services", requestedOn: MEETING });
    view = await getPlanView(caseManager, planId);
    expect(view.steps).toEqual([
      {
        step: "activate",
        available: false,
        reason: "lifecycle.unavailable.noticeMissing",
        href: `/students/${student.id}/notices/new?version=${versionId}`,
      },
    ]);
    const monday = addDays(caseManager.today, 3);
    await sentNotice(db(), {
      studentId: student.id,
      versionId,
      sentOn: MEETING,
      implementationDate: monday,
      sentBy: caseManager.userId,
    });
    await activateVersion(caseManager, { versionId, effectiveOn: monday });
    view = await getPlanView(caseManager, planId);
    expect(view.scheduledOn).toBe(monday);
    expect(view.steps).toEqual([]);
  });

  it("'Start an amendment' while one is open links to it; 'Start a 504 plan' with an IEP in force explains the path", async () => {
    const student = await freshStudent();
    const { planId, versionId } = await activeIep(student.id);
    expect((await getPlanView(caseManager, planId, versionId)).steps).toEqual([
      { step: "amend", available: true, reason: null, href: null },
    ]);
    const { versionId: draftId } = await startAmendment(caseManager, { versionId });
    expect((await getPlanView(caseManager, planId, versionId)).steps).toEqual([
      {
        step: "amend",
        available: false,
        reason: "lifecycle.unavailable.draftExists",
        href: `/plans/${planId}?version=${draftId}`,
      },
    ]);
    const forPrincipal = await getStudentCase(principal, student.id);
    expect(forPrincipal.canCreate["504"]).toBe(false);
    expect(forPrincipal.createBlocked["504"]).toBe("lifecycle.unavailable.iepTo504");
  });
});

describe("one source of truth: a referral for a student with an IEP in force", () => {
  it("asks whether it is a reevaluation: refused without the confirmation (nothing written), recorded with it", async () => {
    const student = await freshStudent();
    await activeIep(student.id);
    const input = { studentId: student.id, type: "referral_received", date: caseManager.today };
    await expect(recordCaseEvent(caseManager, recordCaseEventSchema.parse(input))).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof AppError &&
        e.code === "VALIDATION" &&
        e.fieldErrors?.notReevaluation?.[0] === "errors.lifecycle.referralIsReevaluation",
    );
    const referrals = () =>
      db()
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.studentId, student.id), eq(caseEvents.type, "referral_received")));
    expect(await referrals()).toHaveLength(0);
    await recordCaseEvent(caseManager, recordCaseEventSchema.parse({ ...input, notReevaluation: "on" }));
    expect(await referrals()).toHaveLength(1);
  });
});
