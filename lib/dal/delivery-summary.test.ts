import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db/client";
import {
  caseloads,
  implementationLogs,
  planVersions,
  schoolDeliverySummaries,
  sectionTeachers,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, weekday } from "@/lib/compliance/dates";
import type { CoverageRow } from "@/lib/dto/delivery";
import { AppError } from "@/lib/errors";
import { acknowledgeVersion, logImplementation, logWholeClass, undoWholeClass } from "./delivery";
import { acknowledgmentQueueProvider } from "./delivery-queue";
import { getCoverage, getCoverageSummary } from "./delivery-reports";
import { refreshAllSummaries, refreshSummariesOfStudents, runSummaryRefresh } from "./internal/coverage";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import type { Viewer } from "./viewer";
import { buildWorkQueue } from "./work-queue";

const db = setupTestDatabase();

let world: World;
let admin: Viewer;
let caseManager: Viewer;
let teacher: Viewer;
let principalA: Viewer;
let principalB: Viewer;

function lastWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

async function activePlanFor(studentId: string, effectiveOn: string) {
  const created = await createPlan(caseManager, { studentId, type: "iep" });
  await saveDraft(caseManager, {
    versionId: created.versionId,
    lockVersion: 1,
    content: completeIepContent({ meetingDate: addDays(effectiveOn, -20) }),
  });
  await legalRecordFor(getDb(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  await activateVersion(caseManager, { versionId: created.versionId, effectiveOn });
  return created;
}

const numbers = (row: CoverageRow) => ({
  assigned: row.assigned,
  acknowledged: row.acknowledged,
  overdue: row.overdue,
  escalated: row.escalated,
  logExpected: row.logExpected,
  logRecorded: row.logRecorded,
});

const at = (viewer: Viewer, today: string): Viewer => ({ ...viewer, today });

/**
 * The property the summary must keep: for every school of the district, its row equals the live
 * computation for that school (the district admin's drill-down), the district's first level adds
 * them up, and each principal's home line equals their live school coverage.
 */
async function expectSummaryEqualsLive(today = admin.today) {
  const rows = await db()
    .select()
    .from(schoolDeliverySummaries)
    .where(eq(schoolDeliverySummaries.districtId, world.district.id));
  expect(rows.map((r) => r.schoolId).sort()).toEqual([world.schoolA.id, world.schoolB.id].sort());
  for (const row of rows) {
    expect(row.asOf).toBe(today);
    const live = await getCoverage(at(admin, today), { schoolId: row.schoolId });
    expect({
      assigned: row.assigned,
      acknowledged: row.acknowledged,
      overdue: row.overdue,
      escalated: row.escalated,
      logExpected: row.logExpected,
      logRecorded: row.logRecorded,
    }).toEqual(numbers(live.totals));
    if (live.totals.assigned) expect(row.windowFrom).toBe(live.windowFrom);
  }
  const district = await getCoverage(at(admin, today));
  expect(district.asOf).not.toBeNull();
  const sum = (key: keyof ReturnType<typeof numbers>) => rows.reduce((n, r) => n + r[key], 0);
  expect(numbers(district.totals)).toEqual({
    assigned: sum("assigned"),
    acknowledged: sum("acknowledged"),
    overdue: sum("overdue"),
    escalated: sum("escalated"),
    logExpected: sum("logExpected"),
    logRecorded: sum("logRecorded"),
  });
  for (const principal of [principalA, principalB]) {
    const summary = await getCoverageSummary(at(principal, today));
    const live = await getCoverage(at(principal, today));
    expect(live.scope).toBe("school");
    expect(numbers(summary.totals)).toEqual(numbers(live.totals));
    expect(summary.asOf).not.toBeNull();
  }
  return rows;
}

let schoolDay: string;
let versionId: string;

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  principalA = await viewerFor(world.users.principalA);
  principalB = await viewerFor(world.users.principalB);
  schoolDay = lastWeekday(teacher.today);
  await db()
    .insert(caseloads)
    .values(
      [world.students.inSection, world.students.child].map((s) => ({
        caseManagerId: world.users.caseManager.id,
        studentId: s.id,
        startsOn: "2020-01-01",
      })),
    );
  await runSummaryRefresh(getDb(), { today: admin.today, districtId: world.district.id });
});

describe("delivery summaries (issue 15): the district's numbers kept by the mutations that change them", () => {
  it("start equal to the live computation, with no assignment yet", async () => {
    const rows = await expectSummaryEqualsLive();
    expect(rows.every((r) => r.assigned === 0)).toBe(true);
  });

  it("a plan activation adds its implementers' assignments to the school's row in the same transaction", async () => {
    ({ versionId } = await activePlanFor(world.students.inSection.id, addDays(schoolDay, -21)));
    const rows = await expectSummaryEqualsLive();
    const a = rows.find((r) => r.schoolId === world.schoolA.id)!;
    expect(a.assigned).toBeGreaterThan(0);
    expect(a.overdue).toBeGreaterThan(0);
    expect(rows.find((r) => r.schoolId === world.schoolB.id)!.assigned).toBe(0);
  });

  it("acknowledgments and implementation logs (one entry, whole class, undo) keep it equal", async () => {
    const before = (await getCoverageSummary(principalA)).totals;
    await acknowledgeVersion(teacher, { versionId });
    const acknowledged = (await expectSummaryEqualsLive()).find((r) => r.schoolId === world.schoolA.id)!;
    expect(acknowledged.acknowledged).toBe(before.acknowledged + 1);
    expect(acknowledged.overdue).toBe(before.overdue - 1);

    const mine = await getCoverage(teacher);
    expect(mine.totals.logExpected).toBeGreaterThan(0);
    const { logged, batchId } = await logWholeClass(teacher, { sectionId: world.sectionA.id, date: schoolDay });
    expect(logged).toBeGreaterThan(0);
    const afterClass = (await expectSummaryEqualsLive()).find((r) => r.schoolId === world.schoolA.id)!;
    expect(afterClass.logRecorded).toBe(acknowledged.logRecorded + logged);

    await undoWholeClass(teacher, { sectionId: world.sectionA.id, batchId: batchId! });
    const undone = (await expectSummaryEqualsLive()).find((r) => r.schoolId === world.schoolA.id)!;
    expect(undone.logRecorded).toBe(acknowledged.logRecorded);

    const details = await getCoverage(at(admin, admin.today), { schoolId: world.schoolA.id });
    expect(details.byTeacher.length).toBeGreaterThan(0);
    const [accommodation] = (
      await db().query.planAccommodations.findMany({
        where: (t, { and, eq }) => and(eq(t.versionId, versionId), eq(t.classroom, true)),
      })
    ).slice(0, 1);
    await logImplementation(teacher, {
      accommodationId: accommodation!.id,
      sectionId: world.sectionA.id,
      date: schoolDay,
      status: "provided",
      reason: "",
      note: "",
    });
    const one = (await expectSummaryEqualsLive()).find((r) => r.schoolId === world.schoolA.id)!;
    expect(one.logRecorded).toBe(acknowledged.logRecorded + 1);
  });

  it("a day boundary: an acknowledgment not yet due becomes overdue on a later day once the job runs", async () => {
    await activePlanFor(world.students.child.id, schoolDay);
    const today = admin.today;
    const rowsToday = await expectSummaryEqualsLive(today);
    const overdueToday = rowsToday.find((r) => r.schoolId === world.schoolA.id)!.overdue;
    const later = lastWeekday(addDays(today, 21));
    const liveLater = await getCoverage(at(admin, later), { schoolId: world.schoolA.id });
    expect(liveLater.totals.overdue).toBeGreaterThan(overdueToday);
    // Before the job runs on the later day the rows still say what they said, as of the earlier day.
    const stale = await getCoverage(at(admin, later));
    expect(stale.totals.overdue).toBe(overdueToday);
    const { schools } = await runSummaryRefresh(getDb(), { today: later, districtId: world.district.id });
    expect(schools).toBe(2);
    await expectSummaryEqualsLive(later);
    // A second run the same day has nothing to do (rows are current).
    expect((await runSummaryRefresh(getDb(), { today: later, districtId: world.district.id })).schools).toBe(0);
    await runSummaryRefresh(getDb(), { today, districtId: world.district.id });
  });

  it("permissions: a principal reads only their school's row and cannot drill into another school", async () => {
    const [rowA, rowB] = await Promise.all(
      [world.schoolA.id, world.schoolB.id].map(
        async (id) =>
          (await db().select().from(schoolDeliverySummaries).where(eq(schoolDeliverySummaries.schoolId, id)))[0]!,
      ),
    );
    expect((await getCoverageSummary(principalA)).totals.assigned).toBe(rowA!.assigned);
    expect((await getCoverageSummary(principalB)).totals.assigned).toBe(rowB!.assigned);
    await expect(getCoverage(principalB, { schoolId: world.schoolA.id })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "NOT_FOUND",
    );
    const district = await getCoverage(admin);
    expect(district.bySchool.map((r) => r.key).sort()).toEqual([world.schoolA.id, world.schoolB.id].sort());
    expect(district.byTeacher).toEqual([]);
  });

  it("the district admin's work queue lists schools with escalated acknowledgments from the summary", async () => {
    const later = lastWeekday(addDays(admin.today, 40));
    await runSummaryRefresh(getDb(), { today: later, districtId: world.district.id });
    const [row] = await db()
      .select()
      .from(schoolDeliverySummaries)
      .where(eq(schoolDeliverySummaries.schoolId, world.schoolA.id));
    expect(row!.escalated).toBeGreaterThan(0);
    const queue = await buildWorkQueue(at(admin, later));
    const items = queue.items.filter((i) => i.source === acknowledgmentQueueProvider.id);
    expect(items).toEqual([
      expect.objectContaining({
        key: `acknowledgment:school:${world.schoolA.id}`,
        title: { key: "delivery.queue.school", values: { count: row!.escalated } },
        schoolName: world.schoolA.name,
        due: row!.escalatedSince,
        escalated: true,
        href: `/coverage/details?school=${world.schoolA.id}&state=escalated`,
      }),
    ]);
    await runSummaryRefresh(getDb(), { today: admin.today, districtId: world.district.id });
  });
});

/** Whether a session of this database is waiting for a lock (another connection of the pool). */
async function waitingOnALock() {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`pg_stat_activity`)
    .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
  return row!.n > 0;
}

describe("incremental summaries (issue 15): acknowledgments and log entries add deltas that equal a full recompute", () => {
  let w: World;
  let t1: Viewer;
  let t2: Viewer;
  let v1: string;
  let v2: string;
  let day: string;

  /** The district's rows as the deltas left them, then recomputed in full: every number and date equal. */
  async function expectIncrementalEqualsFull() {
    const rows = async () =>
      (
        await db()
          .select()
          .from(schoolDeliverySummaries)
          .where(eq(schoolDeliverySummaries.districtId, w.district.id))
          .orderBy(asc(schoolDeliverySummaries.schoolId))
      ).map(({ refreshedAt: _refreshedAt, ...row }) => row);
    const incremental = await rows();
    await refreshAllSummaries(getDb(), { today: t1.today, districtId: w.district.id });
    expect(await rows()).toEqual(incremental);
    return incremental.find((r) => r.schoolId === w.schoolA.id)!;
  }

  const entry = (accommodationId: string, date: string, status: "provided" | "declined" = "provided") => ({
    accommodationId,
    sectionId: w.sectionA.id,
    date,
    status,
    reason: "",
    note: "",
  });

  beforeAll(async () => {
    w = await createWorld();
    const cm = await viewerFor(w.users.caseManager);
    t1 = await viewerFor(w.users.teacher);
    await db()
      .insert(caseloads)
      .values(
        [w.students.inSection, w.students.child].map((s) => ({
          caseManagerId: w.users.caseManager.id,
          studentId: s.id,
          startsOn: "2020-01-01",
        })),
      );
    // A co-teacher of section A: the same accommodation-day counts once for each of the two assignments.
    const [co] = await db()
      .insert(users)
      .values({ districtId: w.district.id, email: `co.${w.tag}@test.example`, name: `Co ${w.tag}`, role: "teacher" })
      .returning();
    await db()
      .insert(sectionTeachers)
      .values({ sectionId: w.sectionA.id, userId: co!.id, startsOn: addDays(t1.today, -90) });
    t2 = await viewerFor(co!);
    day = lastWeekday(t1.today);
    const created = async (studentId: string, effectiveOn: string) => {
      const plan = await createPlan(cm, { studentId, type: "iep" });
      await saveDraft(cm, {
        versionId: plan.versionId,
        lockVersion: 1,
        content: completeIepContent({ meetingDate: addDays(effectiveOn, -20) }),
      });
      await legalRecordFor(getDb(), plan.versionId, cm.userId);
      await finalizeVersion(cm, { versionId: plan.versionId });
      await activateVersion(cm, { versionId: plan.versionId, effectiveOn });
      return plan.versionId;
    };
    v1 = await created(w.students.inSection.id, addDays(day, -21));
    v2 = await created(w.students.child.id, addDays(day, -14));
    await refreshAllSummaries(getDb(), { today: t1.today, districtId: w.district.id });
  });

  it("acknowledgments: two teachers at once (the school's earliest escalation date moves on), then one of the last", async () => {
    const before = await expectIncrementalEqualsFull();
    expect(before.escalated).toBe(4);
    await Promise.all([acknowledgeVersion(t1, { versionId: v1 }), acknowledgeVersion(t2, { versionId: v1 })]);
    const earliestDone = await expectIncrementalEqualsFull();
    expect(earliestDone).toMatchObject({ acknowledged: before.acknowledged + 2, escalated: 2 });
    expect(earliestDone.escalatedSince! > before.escalatedSince!).toBe(true);
    await acknowledgeVersion(t1, { versionId: v2 });
    const last = await expectIncrementalEqualsFull();
    expect(last).toMatchObject({ acknowledged: before.acknowledged + 3, escalated: 1 });
    expect(last.escalatedSince).toBe(earliestDone.escalatedSince);
    await expect(acknowledgeVersion(t1, { versionId: v2 })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "CONFLICT" && e.messageKey === "errors.alreadyAcknowledged",
    );
  });

  it("log entries: co-teachers logging the same day at once, a correction, an old day, a whole-class log, its undo, a withdrawn day logged again", async () => {
    const items = await db().query.planAccommodations.findMany({
      where: (t, { and, eq }) => and(eq(t.versionId, v1), eq(t.classroom, true)),
    });
    const [a, b] = items;
    const start = await expectIncrementalEqualsFull();

    const both = await Promise.all([
      logImplementation(t1, entry(a!.id, day)),
      logImplementation(t2, entry(a!.id, day, "declined")),
    ]);
    expect(both.map((r) => r.replaced).sort()).toEqual([false, true]);
    const current = await db()
      .select({ id: implementationLogs.id })
      .from(implementationLogs)
      .where(and(eq(implementationLogs.accommodationId, a!.id), eq(implementationLogs.logDate, day)));
    expect(current).toHaveLength(2);
    const once = await expectIncrementalEqualsFull();
    expect(once.logRecorded).toBe(start.logRecorded + 2);

    await logImplementation(t1, entry(a!.id, day));
    expect((await expectIncrementalEqualsFull()).logRecorded).toBe(once.logRecorded);

    const old = lastWeekday(addDays(day, -18));
    await logImplementation(t1, entry(b!.id, old));
    expect((await expectIncrementalEqualsFull()).logRecorded).toBe(once.logRecorded);

    const { batchId, logged } = await logWholeClass(t1, { sectionId: w.sectionA.id, date: day });
    expect(logged).toBeGreaterThan(0);
    expect((await expectIncrementalEqualsFull()).logRecorded).toBeGreaterThan(once.logRecorded);
    await undoWholeClass(t1, { sectionId: w.sectionA.id, batchId: batchId! });
    expect((await expectIncrementalEqualsFull()).logRecorded).toBe(once.logRecorded);
    const again = await logImplementation(t2, entry(b!.id, day));
    expect(again.replaced).toBe(true);
    expect((await expectIncrementalEqualsFull()).logRecorded).toBe(once.logRecorded + 2);
  });

  it.runIf(getDriver() === "postgres")(
    "an acknowledgment waiting on a lifecycle step (its version held FOR UPDATE, then the school's recompute) is not a deadlock",
    async () => {
      const before = await expectIncrementalEqualsFull();
      let acknowledged: Promise<unknown> | null = null;
      await getDb().transaction(async (tx) => {
        await tx.select({ id: planVersions.id }).from(planVersions).where(eq(planVersions.id, v2)).for("update");
        acknowledged = acknowledgeVersion(t2, { versionId: v2 }).then(
          () => "ok",
          (e: unknown) => e,
        );
        // The acknowledgment's insert waits for the version row (its foreign-key check).
        for (let i = 0; i < 500 && !(await waitingOnALock()); i++) await new Promise((r) => setTimeout(r, 10));
        expect(await waitingOnALock()).toBe(true);
        await refreshSummariesOfStudents(tx, { studentIds: [w.students.child.id], today: t1.today });
      });
      expect(await acknowledged).toBe("ok");
      expect((await expectIncrementalEqualsFull()).acknowledged).toBe(before.acknowledged + 1);
    },
  );
});
