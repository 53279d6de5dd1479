import { getDb } from "@/db/client";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  caseEvents,
  caseloads,
  planAccommodations,
  planGoals,
  planObjectives,
  plans,
  planServices,
  planVersions,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { caseloadStudent, completeDraft } from "@/db/testing/plan-builders";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { complete504Content, completeIepContent } from "@/db/testing/plan-fixtures";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { planColumnsFor } from "./internal/plan-columns";
import { getDraftForEdit, getGlance, getPlanView, getStudentCase, getVersionDiff } from "./plan-views";
import {
  activateVersion,
  createPlan,
  discardDraft,
  finalizeVersion,
  proposeVersion,
  returnToDraft,
  saveDraft,
  startAmendment,
} from "./plans";
import { getStudentRecord } from "./students";

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
let principal: Viewer;

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  principal = await viewerFor(world.users.principalA);
});

const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const dbError = (pattern: RegExp) => (e: unknown) =>
  pattern.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));

async function version(id: string) {
  const [row] = await db().select().from(planVersions).where(eq(planVersions.id, id));
  return row!;
}

/** A new student on the case manager's caseload, so each test owns its plans. */
const freshStudent = () => caseloadStudent(world, { firstName: "Pat", lastName: "Plan" });

async function activeIep(studentId: string, effectiveOn = "2026-10-20") {
  const { planId, versionId } = await completeDraft(caseManager, studentId);
  await legalRecordFor(getDb(), versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId });
  await activateVersion(caseManager, { versionId, effectiveOn });
  return { planId, versionId };
}

describe("plan leads (policy)", () => {
  it("the case manager opens an IEP for a caseload student; the draft lists current implementers", async () => {
    const { planId, versionId } = await createPlan(caseManager, {
      studentId: world.students.onCaseload.id,
      type: "iep",
    });
    const row = await version(versionId);
    expect(row).toMatchObject({ planId, status: "draft", number: 1, lockVersion: 1, planType: "iep" });
    expect((row.content as { implementers: { role: string }[] }).implementers.map((i) => i.role)).toContain(
      "Case manager",
    );
    expect(await countAudit(caseManager.userId, "plan.created")).toBe(1);
  });

  it("a second open IEP for the same student is a conflict", async () => {
    await expect(createPlan(caseManager, { studentId: world.students.onCaseload.id, type: "iep" })).rejects.toSatisfy(
      code("CONFLICT"),
    );
  });

  it("teachers and principals cannot open IEPs; case managers cannot open 504 plans", async () => {
    const teacher = await viewerFor(world.users.teacher);
    await expect(createPlan(teacher, { studentId: world.students.inSection.id, type: "iep" })).rejects.toSatisfy(
      code("FORBIDDEN"),
    );
    await expect(createPlan(principal, { studentId: world.students.inSection.id, type: "iep" })).rejects.toSatisfy(
      code("FORBIDDEN"),
    );
    const student = await freshStudent();
    await expect(createPlan(caseManager, { studentId: student.id, type: "504" })).rejects.toSatisfy(code("FORBIDDEN"));
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(plans)
      .where(eq(plans.studentId, world.students.inSection.id))) as [{ n: number }];
    expect(n).toBe(0);
    expect(await countAudit(teacher.userId, "plan.created", "denied")).toBe(1);
  });

  it("the principal opens a 504 plan at their school; another school's principal gets NOT_FOUND", async () => {
    const { versionId } = await createPlan(principal, { studentId: world.students.inSection.id, type: "504" });
    expect((await version(versionId)).planType).toBe("504");
    const other = await viewerFor(world.users.principalB);
    await expect(createPlan(other, { studentId: world.students.child.id, type: "504" })).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
  });

  it("a teacher cannot open the editor", async () => {
    const [plan] = await db().select().from(plans).where(eq(plans.studentId, world.students.inSection.id));
    const [draft] = await db().select().from(planVersions).where(eq(planVersions.planId, plan!.id));
    const teacher = await viewerFor(world.users.teacher);
    await expect(getDraftForEdit(teacher, plan!.id, draft!.id)).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(getDraftForEdit(principal, plan!.id, draft!.id)).resolves.toMatchObject({ plan: { type: "504" } });
  });
});

describe("autosave with optimistic concurrency", () => {
  it("saves, bumps the lock version and audits only the changed field names", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const content = completeIepContent({ presentLevels: "A private note about reading." });
    const saved = await saveDraft(caseManager, { versionId, lockVersion: 1, content });
    expect(saved.lockVersion).toBe(2);
    expect((await version(versionId)).content).toEqual(content);
    const [event] = await db()
      .select()
      .from((await import("@/db/schema")).auditEvents)
      .where(
        and(
          eq((await import("@/db/schema")).auditEvents.action, "plan.draft_saved"),
          eq((await import("@/db/schema")).auditEvents.entityId, versionId),
        ),
      );
    expect(event!.details).toMatchObject({ fields: expect.arrayContaining(["presentLevels", "goals[added]"]) });
    expect(JSON.stringify(event!.details)).not.toContain("private note");
  });

  it("identical content writes nothing and no audit row", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const content = completeIepContent();
    await saveDraft(caseManager, { versionId, lockVersion: 1, content });
    const before = await countAudit(caseManager.userId, "plan.draft_saved");
    expect(await saveDraft(caseManager, { versionId, lockVersion: 2, content })).toMatchObject({ lockVersion: 2 });
    expect(await countAudit(caseManager.userId, "plan.draft_saved")).toBe(before);
  });

  it("two editors: the second save gets CONFLICT with the first editor's text, and nothing is overwritten", async () => {
    const student = await freshStudent();
    const other = await db()
      .insert(users)
      .values({
        districtId: world.district.id,
        email: `cm2.${student.id}@test.example`,
        name: "Second CM",
        role: "case_manager",
      })
      .returning();
    await db().insert(caseloads).values({ caseManagerId: other[0]!.id, studentId: student.id, startsOn: "2020-01-01" });
    const second = await viewerFor(other[0]!);
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const mine = completeIepContent({ presentLevels: "First editor's text" });
    const theirs = completeIepContent({ presentLevels: "Second editor's text" });
    await saveDraft(caseManager, { versionId, lockVersion: 1, content: mine });
    const attempt = saveDraft(second, { versionId, lockVersion: 1, content: theirs });
    await expect(attempt).rejects.toSatisfy((e: unknown) => {
      const error = e as AppError;
      return (
        error.code === "CONFLICT" &&
        (error.details?.content as { presentLevels: string }).presentLevels === "First editor's text" &&
        error.details?.lockVersion === 2 &&
        error.details?.savedBy === world.users.caseManager.name
      );
    });
    expect(((await version(versionId)).content as { presentLevels: string }).presentLevels).toBe("First editor's text");
    expect(await countAudit(second.userId, "plan.draft_saved")).toBe(0);
  });

  it("rejects malformed content with field paths and changes nothing", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const bad = { ...completeIepContent(), goals: [{ id: "not-a-uuid", text: 5 }], extra: true };
    await expect(saveDraft(caseManager, { versionId, lockVersion: 1, content: bad })).rejects.toSatisfy(
      (e: unknown) => {
        const error = e as AppError;
        return (
          error.code === "VALIDATION" &&
          Object.keys(error.fieldErrors ?? {}).some((k) => k.startsWith("content.goals.0"))
        );
      },
    );
    expect((await version(versionId)).lockVersion).toBe(1);
  });

  it("a viewer who may not edit the plan is refused before the content is even read", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await expect(saveDraft(principal, { versionId, lockVersion: 1, content: { not: "a plan" } })).rejects.toSatisfy(
      code("FORBIDDEN"),
    );
    expect(await countAudit(principal.userId, "plan.draft_saved", "denied")).toBeGreaterThan(0);
    expect((await version(versionId)).lockVersion).toBe(1);
  });

  it("propose, return to draft and discard each write one audit row", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const before = {
      proposed: await countAudit(caseManager.userId, "plan.proposed"),
      returned: await countAudit(caseManager.userId, "plan.returned_to_draft"),
      discarded: await countAudit(caseManager.userId, "plan.draft_discarded"),
    };
    await proposeVersion(caseManager, { versionId });
    await returnToDraft(caseManager, { versionId });
    await discardDraft(caseManager, { versionId });
    expect(await countAudit(caseManager.userId, "plan.proposed")).toBe(before.proposed + 1);
    expect(await countAudit(caseManager.userId, "plan.returned_to_draft")).toBe(before.returned + 1);
    expect(await countAudit(caseManager.userId, "plan.draft_discarded")).toBe(before.discarded + 1);
  });

  it("only drafts can be saved", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await proposeVersion(caseManager, { versionId });
    await expect(
      saveDraft(caseManager, { versionId, lockVersion: 1, content: completeIepContent() }),
    ).rejects.toSatisfy(code("CONFLICT"));
    await returnToDraft(caseManager, { versionId });
    await expect(
      saveDraft(caseManager, { versionId, lockVersion: 1, content: completeIepContent() }),
    ).resolves.toMatchObject({ lockVersion: 2 });
  });
});

describe("lifecycle: draft → proposed → final → active → superseded", () => {
  it("finalizing an incomplete IEP lists exactly what is missing and changes nothing", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const content = completeIepContent();
    content.goals[0]!.objectives = [];
    await saveDraft(caseManager, { versionId, lockVersion: 1, content });
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy((e: unknown) => {
      const error = e as AppError;
      return (
        error.code === "VALIDATION" &&
        JSON.stringify(error.details?.missing) ===
          JSON.stringify([
            { key: "goalObjectives", rule: "RCSA 10-76d-11(a)(1)", path: "goals.0.objectives", params: { goal: 1 } },
          ])
      );
    });
    expect((await version(versionId)).status).toBe("draft");
    expect(await countAudit(caseManager.userId, "plan.finalized")).toBe(0);
  });

  it("finalizing freezes the content with a hash and materializes goals, objectives, services and accommodations", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await saveDraft(caseManager, { versionId, lockVersion: 1, content: completeIepContent() });
    await legalRecordFor(getDb(), versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId });
    const row = await version(versionId);
    expect(row).toMatchObject({ status: "final", reviewDue: "2027-10-15" });
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await db().select().from(planAccommodations).where(eq(planAccommodations.versionId, versionId)),
    ).toHaveLength(2);
    expect(await db().select().from(planServices).where(eq(planServices.versionId, versionId))).toHaveLength(1);
    const goals = await db().select().from(planGoals).where(eq(planGoals.versionId, versionId));
    expect(goals).toHaveLength(1);
    expect(await db().select().from(planObjectives).where(eq(planObjectives.goalId, goals[0]!.id))).toHaveLength(1);
  });

  it("activation refuses a date before the meeting, then puts the version in force and writes iep_implemented", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await saveDraft(caseManager, { versionId, lockVersion: 1, content: completeIepContent() });
    await legalRecordFor(getDb(), versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId });
    await expect(activateVersion(caseManager, { versionId, effectiveOn: "2026-10-01" })).rejects.toSatisfy(
      code("VALIDATION"),
    );
    expect((await version(versionId)).status).toBe("final");
    await activateVersion(caseManager, { versionId, effectiveOn: caseManager.today });
    expect(await version(versionId)).toMatchObject({ status: "active", effectiveOn: caseManager.today });
    const events = await db()
      .select({ type: caseEvents.type, date: caseEvents.date, source: caseEvents.source })
      .from(caseEvents)
      .where(eq(caseEvents.sourceId, versionId));
    expect(events).toEqual([{ type: "iep_implemented", date: caseManager.today, source: "workflow" }]);
    expect(await countAudit(caseManager.userId, "plan.activated")).toBeGreaterThan(0);
  });

  it("an amendment copies the active version; activating it supersedes the old one and 'what changed' shows the edit", async () => {
    const student = await freshStudent();
    const { planId, versionId: v1 } = await activeIep(student.id);
    const { versionId: v2 } = await startAmendment(caseManager, { versionId: v1 });
    const draft = await version(v2);
    expect(draft).toMatchObject({ number: 2, status: "draft", basedOnVersionId: v1 });
    expect(draft.content).toEqual((await version(v1)).content);
    await expect(startAmendment(caseManager, { versionId: v1 })).rejects.toSatisfy(code("CONFLICT"));

    const amended = structuredClone(draft.content) as ReturnType<typeof completeIepContent>;
    amended.accommodations[0]!.teacherAction = "Give double time on every test.";
    amended.accommodations.pop();
    await saveDraft(caseManager, { versionId: v2, lockVersion: 1, content: amended });
    await legalRecordFor(getDb(), v2, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: v2 });
    await expect(activateVersion(caseManager, { versionId: v2, effectiveOn: "2026-10-20" })).rejects.toSatisfy(
      code("VALIDATION"),
    );
    await activateVersion(caseManager, { versionId: v2, effectiveOn: caseManager.today });
    expect((await version(v1)).status).toBe("superseded");
    const diff = await getVersionDiff(caseManager, planId, v1, v2);
    expect(diff.diff.items.map((i) => i.change).sort()).toEqual(["changed", "removed"]);
    expect(diff.diff.items.find((i) => i.change === "changed")!.fields[0]).toMatchObject({
      field: "accommodations.teacherAction",
      after: "Give double time on every test.",
    });
  });

  it("supersedes the previous active version the day before the new one takes effect", async () => {
    const student = await freshStudent();
    const { versionId: v1 } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await saveDraft(caseManager, { versionId: v1, lockVersion: 1, content: completeIepContent() });
    await legalRecordFor(getDb(), v1, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: v1 });
    await activateVersion(caseManager, { versionId: v1, effectiveOn: "2026-10-20" });
    const { versionId: v2 } = await startAmendment(caseManager, { versionId: v1 });
    await legalRecordFor(getDb(), v2, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: v2 });
    await activateVersion(caseManager, { versionId: v2, effectiveOn: "2026-11-02" });
    expect(await version(v1)).toMatchObject({ status: "superseded", endedOn: "2026-11-01" });
    expect(await version(v2)).toMatchObject({ status: "active", effectiveOn: "2026-11-02" });
    expect(await countAudit(caseManager.userId, "plan.amendment_started")).toBeGreaterThan(0);
  });

  it("an IEP replaces an active 504 plan only when the lead confirms; a 504 cannot replace an active IEP", async () => {
    const student = await freshStudent();
    const p504 = await createPlan(principal, { studentId: student.id, type: "504" });
    await saveDraft(principal, { versionId: p504.versionId, lockVersion: 1, content: complete504Content() });
    await legalRecordFor(getDb(), p504.versionId, principal.userId);
    await finalizeVersion(principal, { versionId: p504.versionId });
    await activateVersion(principal, { versionId: p504.versionId, effectiveOn: "2026-10-16" });

    const iep = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await saveDraft(caseManager, { versionId: iep.versionId, lockVersion: 1, content: completeIepContent() });
    await legalRecordFor(getDb(), iep.versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: iep.versionId });
    await expect(
      activateVersion(caseManager, { versionId: iep.versionId, effectiveOn: "2026-11-02" }),
    ).rejects.toSatisfy(code("CONFLICT"));
    expect((await version(p504.versionId)).status).toBe("active");
    await activateVersion(caseManager, { versionId: iep.versionId, effectiveOn: "2026-11-02", endActive504: true });
    expect(await version(p504.versionId)).toMatchObject({ status: "ended", endedOn: "2026-11-01" });
    expect((await db().select().from(plans).where(eq(plans.id, p504.planId)))[0]!.endedAt).not.toBeNull();

    const again = await createPlan(principal, { studentId: student.id, type: "504" });
    await saveDraft(principal, { versionId: again.versionId, lockVersion: 1, content: complete504Content() });
    await legalRecordFor(getDb(), again.versionId, principal.userId);
    await finalizeVersion(principal, { versionId: again.versionId });
    await expect(
      activateVersion(principal, { versionId: again.versionId, effectiveOn: "2026-11-10" }),
    ).rejects.toSatisfy(code("CONFLICT"));
    expect((await version(again.versionId)).status).toBe("final");
  });

  it("the case manager cannot finalize or activate a 504 plan (the principal leads it)", async () => {
    const student = await freshStudent();
    const p = await createPlan(principal, { studentId: student.id, type: "504" });
    await saveDraft(principal, { versionId: p.versionId, lockVersion: 1, content: complete504Content() });
    await expect(finalizeVersion(caseManager, { versionId: p.versionId })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(
      saveDraft(caseManager, { versionId: p.versionId, lockVersion: 2, content: complete504Content() }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    expect((await version(p.versionId)).status).toBe("draft");
  });

  it("drafts can be discarded; the only draft removes the plan; proposed versions cannot", async () => {
    const student = await freshStudent();
    const first = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    expect(await discardDraft(caseManager, { versionId: first.versionId })).toEqual({ planRemoved: true });
    expect(await db().select().from(plans).where(eq(plans.id, first.planId))).toHaveLength(0);
    const second = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await proposeVersion(caseManager, { versionId: second.versionId });
    await expect(discardDraft(caseManager, { versionId: second.versionId })).rejects.toSatisfy(code("CONFLICT"));
  });
});

describe("the database enforces plan integrity on its own", () => {
  let finalId: string;
  let activeId: string;
  let studentId: string;

  beforeAll(async () => {
    const student = await freshStudent();
    studentId = student.id;
    activeId = (await activeIep(student.id)).versionId;
    finalId = (await startAmendment(caseManager, { versionId: activeId })).versionId;
    await legalRecordFor(getDb(), finalId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: finalId });
  });

  it("a final version's content cannot be edited", async () => {
    await expect(
      db().execute(sql`update plan_versions set content = '{}'::jsonb where id = ${finalId}`),
    ).rejects.toSatisfy(dbError(/cannot be edited/));
  });

  it("a version cannot go backwards in the lifecycle", async () => {
    await expect(db().execute(sql`update plan_versions set status = 'draft' where id = ${finalId}`)).rejects.toSatisfy(
      dbError(/cannot go from final to draft/),
    );
    await expect(db().execute(sql`update plan_versions set status = 'final' where id = ${activeId}`)).rejects.toSatisfy(
      dbError(/cannot go from active to final/),
    );
  });

  it("final and active versions cannot be deleted", async () => {
    await expect(db().execute(sql`delete from plan_versions where id = ${finalId}`)).rejects.toSatisfy(
      dbError(/only drafts can be deleted/),
    );
  });

  it("a second active version for the student is rejected (one active plan per student)", async () => {
    await expect(
      db().execute(sql`update plan_versions set status = 'active', effective_on = current_date where id = ${finalId}`),
    ).rejects.toSatisfy(dbError(/plan_versions_one_active_per_(plan|student)/));
    const [plan504] = await db()
      .insert(plans)
      .values({ districtId: world.district.id, studentId, type: "504" })
      .returning();
    await expect(
      db()
        .execute(sql`insert into plan_versions (plan_id, student_id, plan_type, number, status, content, content_hash, effective_on)
        values (${plan504!.id}, ${studentId}, '504', 1, 'active', '{}'::jsonb, 'x', current_date)`),
    ).rejects.toSatisfy(dbError(/starts as a draft/));
  });

  it("a version cannot be inserted final (it starts as a draft)", async () => {
    const [plan504] = await db()
      .select()
      .from(plans)
      .where(and(eq(plans.studentId, studentId), eq(plans.type, "504")));
    await expect(
      db().execute(
        sql`insert into plan_versions (plan_id, student_id, plan_type, number, status, content) values (${plan504!.id}, ${studentId}, '504', 7, 'final', '{}'::jsonb)`,
      ),
    ).rejects.toSatisfy(dbError(/starts as a draft \(not final\)/));
  });

  it("materialized accommodations are insert-only and only while finalizing", async () => {
    const [item] = await db()
      .select()
      .from(planAccommodations)
      .where(eq(planAccommodations.versionId, activeId))
      .limit(1);
    await expect(db().execute(sql`update plan_accommodations set text = 'x' where id = ${item!.id}`)).rejects.toSatisfy(
      dbError(/never changed/),
    );
    await expect(db().execute(sql`delete from plan_accommodations where id = ${item!.id}`)).rejects.toSatisfy(
      dbError(/never changed/),
    );
    await expect(
      db()
        .execute(sql`insert into plan_accommodations (version_id, item_id, position, kind, text, teacher_action, classroom, testing)
        values (${activeId}, gen_random_uuid(), 9, 'accommodation', 'sneaked in', 'x', true, false)`),
    ).rejects.toSatisfy(dbError(/only be written while their version is being finalized/));
  });
});

describe("reading plans by relationship", () => {
  let planId: string;
  let draftId: string;
  let activeId: string;

  beforeAll(async () => {
    await db().insert(caseloads).values({
      caseManagerId: world.users.caseManager.id,
      studentId: world.students.child.id,
      startsOn: "2020-01-01",
    });
    const created = await activeIep(world.students.child.id);
    planId = created.planId;
    activeId = created.versionId;
    draftId = (await startAmendment(caseManager, { versionId: activeId })).versionId;
  }, 30_000);

  it("staff leads see the open draft with its missing items; guardians never see drafts", async () => {
    const staffView = await getPlanView(caseManager, planId);
    expect(staffView.selected?.id).toBe(draftId);
    expect(staffView.can).toMatchObject({ edit: true, finalize: true, activate: true });
    const parent = await viewerFor(world.users.parent);
    const parentView = await getPlanView(parent, planId);
    expect(parentView.versions.map((v) => v.id)).toEqual([activeId]);
    expect(parentView.selected?.id).toBe(activeId);
    expect(parentView.can).toMatchObject({ edit: false, finalize: false, activate: false, amend: false });
    await expect(getPlanView(parent, planId, draftId)).rejects.toSatisfy(code("NOT_FOUND"));
  });

  it("teachers get the accommodations at a glance, not the plan", async () => {
    const teacher = await viewerFor(world.users.teacher);
    await expect(getPlanView(teacher, planId)).rejects.toSatisfy(code("FORBIDDEN"));
    const glance = await getGlance(teacher, planId);
    expect(glance.accommodations.map((a) => a.text)).toEqual([
      "Extended time (1.5x) on tests and quizzes",
      "Preferential seating",
    ]);
    expect(glance.accommodations[0]).toMatchObject({
      testing: true,
      teacherAction: "Give 50% more time on every test and quiz.",
    });
    expect(await countAudit(teacher.userId, "plan.glance_viewed")).toBe(1);
  });

  it("a provider named in an active plan's services gains access to the student (providerFor)", async () => {
    const student = await freshStudent();
    const provider = (
      await db()
        .insert(users)
        .values({
          districtId: world.district.id,
          email: `slp.${student.id}@test.example`,
          name: "SLP",
          role: "provider",
        })
        .returning()
    )[0]!;
    const providerViewer = await viewerFor(provider);
    await expect(getStudentRecord(providerViewer, student.id)).rejects.toSatisfy(code("NOT_FOUND"));
    const { planId: pid, versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const content = completeIepContent();
    content.services.push({
      ...content.services[0]!,
      id: crypto.randomUUID(),
      category: "related",
      type: "Speech-language therapy",
      minutes: "60",
      providerUserId: provider.id,
      providerName: "",
    });
    await saveDraft(caseManager, { versionId, lockVersion: 1, content });
    await legalRecordFor(getDb(), versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId });
    await expect(getStudentRecord(providerViewer, student.id)).rejects.toSatisfy(code("NOT_FOUND"));
    await activateVersion(caseManager, { versionId, effectiveOn: caseManager.today });
    expect((await getStudentRecord(providerViewer, student.id)).relationships).toEqual(["providerFor"]);
    const glance = await getGlance(providerViewer, pid);
    expect(glance.myServices).toEqual([
      expect.objectContaining({ serviceType: "Speech-language therapy", minutes: 60 }),
    ]);
  });

  it("a service provider must be staff of the district", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const content = completeIepContent();
    content.services[0]!.providerUserId = world.users.parent.id;
    await saveDraft(caseManager, { versionId, lockVersion: 1, content });
    await expect(finalizeVersion(caseManager, { versionId })).rejects.toSatisfy(code("VALIDATION"));
    expect((await version(versionId)).status).toBe("draft");
  });

  it("the case page lists plans by permission and a lifecycle timeline; dashboard columns summarize", async () => {
    const teacher = await viewerFor(world.users.teacher);
    const teacherCase = await getStudentCase(teacher, world.students.child.id);
    expect(teacherCase.plans).toEqual([
      expect.objectContaining({ id: planId, canRead: false, canGlance: true, openDraft: null }),
    ]);
    expect(teacherCase.timeline).toEqual([]);
    const staffCase = await getStudentCase(caseManager, world.students.child.id);
    expect(staffCase.plans[0]).toMatchObject({ canRead: true, openDraft: expect.objectContaining({ id: draftId }) });
    expect(staffCase.timeline.map((t) => t.event)).toEqual(
      expect.arrayContaining(["created", "finalized", "activated"]),
    );
    expect(staffCase.canCreate).toEqual({ iep: false, "504": false });
    const columns = await planColumnsFor([world.students.child.id, world.students.otherSchool.id]);
    expect(columns.get(world.students.child.id)).toMatchObject({
      type: "iep",
      status: "active",
      activeSince: "2026-10-20",
      nextReview: "2027-10-15",
    });
    expect(columns.has(world.students.otherSchool.id)).toBe(false);
  });
});
