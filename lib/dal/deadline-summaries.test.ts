import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { schoolDeadlineSummaries, schools } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays, addMonths } from "@/lib/compliance";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { completeDeadline } from "./case-events";
import { SCHOOL_ITEM_KEY } from "./delivery-queue";
import {
  readDistrictDeadlineTotals,
  refreshAllDeadlineSummaries,
  runDeadlineSummaryRefresh,
} from "./internal/deadline-summaries";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import { districtSettingsOf } from "./internal/settings";
import type { Viewer } from "./viewer";
import { buildWorkQueue, listWorkQueuePage, summarizeWorkQueue } from "./work-queue";

/**
 * Issue 15: the district admin's deadline counts come from one summary row per school
 * (`school_deadline_summaries`) instead of every past-due deadline of the district. These tests hold
 * the summaries to the live queue they replace: the same counts after the deadline store's refresh,
 * after a deadline is completed by hand, and on a later day once the job has run — and live counts,
 * never yesterday's, while a school's row is stale.
 */
const db = setupTestDatabase();
let world: World;
let admin: Viewer;
let escalateAfterSchoolDays: number;

beforeAll(async () => {
  world = await createWorld();
  await createWorld(); // another district: never counted in this one
  admin = await viewerFor(world.users.admin);
  escalateAfterSchoolDays = parseDeadlineSettings(await districtSettingsOf(db(), admin.districtId)).workQueue
    .escalateAfterSchoolDays;
  await refreshAllDeadlineSummaries(db(), { today: admin.today });
  const { schoolA, schoolB, today, students } = world;
  await givenEvents(students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 60) },
  ]);
  await givenEvents(students.inSection, [
    { type: "records_request_received", date: await schoolDaysFrom(schoolA.id, today, 12) },
  ]);
  await givenEvents(students.otherSchool, [
    { type: "plan504_activated", date: addMonths(await schoolDaysFrom(schoolB.id, today, 8), -12) },
    {
      type: "meeting_scheduled",
      date: await schoolDaysFrom(schoolB.id, today, 30),
      meetingDate: await schoolDaysFrom(schoolB.id, today, 20),
    },
  ]);
});

/** The counts the full queue gives (what the dashboard showed before the summaries). */
function countOf(items: readonly WorkQueueItem[]) {
  return {
    open: items.length,
    overdue: items.filter((i) => i.overdue).length,
    escalated: items.filter((i) => i.escalated).length,
    dueSoon: items.filter((i) => i.dueSoon).length,
  };
}

async function liveDeadlines(viewer: Viewer) {
  return (await buildWorkQueue(viewer)).items.filter((i) => i.source === "deadline");
}

describe("district deadline summaries (issue 15)", () => {
  it("equal the live queue after the deadline store's refresh: dashboard counts and the work-queue page's totals", async () => {
    const live = await liveDeadlines(admin);
    expect(live.length).toBeGreaterThanOrEqual(3);
    expect(live.every((i) => i.overdue)).toBe(true);
    const totals = await readDistrictDeadlineTotals(db(), {
      districtId: admin.districtId,
      today: admin.today,
      escalateAfterSchoolDays,
    });
    expect(totals).toEqual({
      overdue: live.length,
      escalated: live.filter((i) => i.escalated).length,
      students: new Set(live.map((i) => i.studentId)).size,
      oldestDue: [...live].map((i) => i.due!).sort()[0],
      // One queue item per school with escalated acknowledgments (none here; the queue's equality below covers them).
      escalatedSchools: (await buildWorkQueue(admin)).items.filter((i) => i.key.startsWith(SCHOOL_ITEM_KEY)).length,
    });
    expect(totals!.escalated).toBeGreaterThan(0);
    expect(totals!.escalated).toBeLessThan(totals!.overdue);
    expect(await summarizeWorkQueue(admin)).toEqual(countOf((await buildWorkQueue(admin)).items));
    const page = await listWorkQueuePage(admin, null, 1);
    expect(page.counts).toEqual({
      open: totals!.overdue,
      overdue: totals!.overdue,
      students: totals!.students,
      oldestDue: totals!.oldestDue,
    });
  });

  it("a deadline completed by hand leaves its school's row in the same transaction", async () => {
    const principal = await viewerFor(world.users.principalB);
    const student = world.students.otherSchool;
    const [d06] = await deadlinesOf(student.id, "D-06");
    expect(d06).toMatchObject({ status: "open", completedOn: null });
    expect(d06!.due! < admin.today).toBe(true);
    const rowOf = async () =>
      (
        await db().select().from(schoolDeadlineSummaries).where(eq(schoolDeadlineSummaries.schoolId, world.schoolB.id))
      )[0]!;
    const before = await rowOf();
    await completeDeadline(principal, { studentId: student.id, deadlineId: d06!.id, completedOn: principal.today });
    const after = await rowOf();
    expect(after.overdue).toBe(before.overdue - 1);
    expect(await summarizeWorkQueue(admin)).toEqual(countOf((await buildWorkQueue(admin)).items));
  });

  it("on a later day the rows are stale: the counts are live until the job recomputes them, then from the rows again", async () => {
    const later: Viewer = { ...admin, today: addDays(admin.today, 21) };
    const input = { districtId: admin.districtId, today: later.today, escalateAfterSchoolDays };
    expect(await readDistrictDeadlineTotals(db(), input)).toBeNull();
    const live = countOf((await buildWorkQueue(later)).items);
    expect(await summarizeWorkQueue(later)).toEqual(live);
    const schoolCount = await db().$count(schools, eq(schools.districtId, admin.districtId));
    expect((await runDeadlineSummaryRefresh(db(), { districtId: admin.districtId, today: later.today })).schools).toBe(
      schoolCount,
    );
    // Nothing is due again the same day: the job recomputes only stale rows.
    expect((await runDeadlineSummaryRefresh(db(), { districtId: admin.districtId, today: later.today })).schools).toBe(
      0,
    );
    const totals = await readDistrictDeadlineTotals(db(), input);
    const deadlines = await liveDeadlines(later);
    expect(totals).toMatchObject({
      overdue: deadlines.length,
      escalated: deadlines.filter((i) => i.escalated).length,
    });
    expect(await summarizeWorkQueue(later)).toEqual(live);
  });

  it("rows counted with another escalation threshold are not read", async () => {
    await runDeadlineSummaryRefresh(db(), { districtId: admin.districtId, today: admin.today });
    const input = { districtId: admin.districtId, today: admin.today, escalateAfterSchoolDays };
    expect(await readDistrictDeadlineTotals(db(), input)).not.toBeNull();
    expect(
      await readDistrictDeadlineTotals(db(), { ...input, escalateAfterSchoolDays: input.escalateAfterSchoolDays + 1 }),
    ).toBeNull();
  });
});
