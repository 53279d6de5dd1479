import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEventStudents, deadlines, plans, schoolYears } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { hasCode } from "@/db/testing/errors";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { auditEventsBy, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addMonths } from "@/lib/compliance";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { buildWorkQueue, listOwnedOpenDeadlineIds, listWorkQueue, summarizeWorkQueue } from "./work-queue";

const db = setupTestDatabase();
let world: World;
let other: World;

const summary = (items: WorkQueueItem[]) =>
  items.map((i) => `${i.studentName.split(" ")[0]} ${i.title.key.split(".")[2]} ${i.reason}`);

beforeAll(async () => {
  world = await createWorld();
  other = await createWorld();
  const { schoolA, schoolB, today, students } = world;
  await givenEvents(students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 60) },
  ]);
  await givenEvents(students.inSection, [
    { type: "records_request_received", date: await schoolDaysFrom(schoolA.id, today, 12) },
  ]);
  await givenEvents(students.child, [{ type: "plan504_activated", date: addMonths(today, -11) }]);
  await givenEvents(students.endedCaseload, [
    { type: "disciplinary_change_of_placement", date: await schoolDaysFrom(schoolA.id, today, 3) },
  ]);
  await givenEvents(students.otherSchool, [
    { type: "plan504_activated", date: addMonths(await schoolDaysFrom(schoolB.id, today, 8), -12) },
  ]);
  await givenEvents(other.students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(other.schoolA.id, other.today, 60) },
  ]);
});

describe("work queues per role (workQueue.read), scoped to relationships", () => {
  it("case manager: IEP items of their current caseload, with school days left, and the school's unassigned referrals (E10)", async () => {
    const queue = await buildWorkQueue(await viewerFor(world.users.caseManager));
    // Sam and Ivy have no current case manager: their items are the school's unassigned referrals.
    expect(summary(queue.items)).toEqual([
      "Casey D-01 caseload",
      "Sam D-14 unassignedReferral",
      "Ivy D-19 unassignedReferral",
    ]);
    // A student the case manager cannot open yet links to the queue, not to a page that would 404.
    expect(queue.items[1]!.href).toBe("/work-queue");
    expect(queue.items[0]).toMatchObject({
      schoolDaysLeft: -15,
      overdue: true,
      escalated: true,
      dueSoon: false,
      href: `/students/${world.students.onCaseload.id}#deadlines`,
    });
  });

  it("principal: their school's 504 items, items of students without a case manager, and IEP items overdue past the escalation threshold, not other schools'", async () => {
    const queue = await buildWorkQueue(await viewerFor(world.users.principalA));
    expect(summary(queue.items)).toEqual([
      "Casey D-01 escalation",
      "Sam D-14 noCaseManager",
      "Ivy D-19 noCaseManager",
      "Cleo 504-R school504",
    ]);
    expect(queue.items[1]!.href).toBe(`/students/${world.students.inSection.id}#deadlines`);
    expect(summary((await buildWorkQueue(await viewerFor(world.users.principalB))).items)).toEqual([
      "Otto 504-R school504",
    ]);
  });

  it("district admin: every overdue item of the district, escalated or not, and nothing due later", async () => {
    const queue = await buildWorkQueue(await viewerFor(world.users.admin));
    expect(summary(queue.items)).toEqual(["Casey D-01 district", "Otto 504-R district", "Sam D-14 district"]);
    expect(queue.items.map((i) => [i.schoolDaysLeft, i.escalated])).toEqual([
      [-15, true],
      [-8, true],
      [-2, false],
    ]);
  });

  it("a teacher with nothing due has an empty queue; parents have no queue", async () => {
    expect((await buildWorkQueue(await viewerFor(world.users.teacher))).items).toEqual([]);
    expect((await buildWorkQueue(await viewerFor(world.users.parent))).items).toEqual([]);
    await expect(listWorkQueue(await viewerFor(world.users.parent))).rejects.toSatisfy(hasCode("FORBIDDEN"));
  });

  it("listing the queue logs which students were listed; the dashboard counts log nothing", async () => {
    const viewer = await viewerFor(world.users.principalA);
    const before = (await auditEventsBy(viewer.userId)).length;
    await listWorkQueue(viewer);
    const events = (await auditEventsBy(viewer.userId)).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "students.listed",
      kind: "access",
      details: { list: "workQueue", students: 4 },
    });
    const linked = await db()
      .select({ studentId: auditEventStudents.studentId })
      .from(auditEventStudents)
      .where(eq(auditEventStudents.eventId, events[0]!.id));
    expect(linked.map((l) => l.studentId).sort()).toEqual(
      [
        world.students.onCaseload.id,
        world.students.inSection.id,
        world.students.endedCaseload.id,
        world.students.child.id,
      ].sort(),
    );
    expect(await summarizeWorkQueue(viewer)).toEqual({ open: 4, overdue: 2, escalated: 1, dueSoon: 0 });
    expect((await auditEventsBy(viewer.userId)).length).toBe(before + 1);
  });
});

describe("routing so that nothing is owned by nobody (legal-review.md E9, E10, E17)", () => {
  let third: World;

  beforeAll(async () => {
    third = await createWorld();
    const { schoolA, today, students } = third;
    // Rory: a 504-only student (open 504 plan) with a records request and a disciplinary change.
    await db()
      .insert(plans)
      .values({ districtId: third.district.id, studentId: students.restrictedChild.id, type: "504" });
    await givenEvents(students.restrictedChild, [
      { type: "records_request_received", date: await schoolDaysFrom(schoolA.id, today, 2) },
      { type: "disciplinary_change_of_placement", date: await schoolDaysFrom(schoolA.id, today, 1) },
      { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 1) },
    ]);
    // Casey (on the caseload): a consent request unanswered for 12 school days, past D-23.
    await givenEvents(students.onCaseload, [
      { type: "consent_requested", consent: "initial_evaluation", date: await schoolDaysFrom(schoolA.id, today, 12) },
    ]);
    // The school's calendar ends 10 school days from now: Sam's referral cannot be counted to 45.
    const lastDay = await schoolDaysFrom(schoolA.id, today, -10);
    await db().update(schoolYears).set({ lastDay }).where(eq(schoolYears.schoolId, schoolA.id));
    await givenEvents(students.inSection, [
      { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 0) },
    ]);
  });

  it("E10: records, discipline and consent items of a 504-only student go to the 504 lead, not to the unassigned queue", async () => {
    const principal = await buildWorkQueue(await viewerFor(third.users.principalA));
    const rory = principal.items.filter((i) => i.studentId === third.students.restrictedChild.id);
    expect(rory.map((i) => `${i.title.key.split(".")[2]} ${i.reason}`).sort()).toEqual([
      "D-01 noCaseManager",
      "D-14 lead504",
      "D-19 lead504",
    ]);
    const caseManager = await buildWorkQueue(await viewerFor(third.users.caseManager));
    expect(
      caseManager.items
        .filter((i) => i.studentId === third.students.restrictedChild.id)
        .map((i) => `${i.title.key.split(".")[2]} ${i.reason}`),
    ).toEqual(["D-01 unassignedReferral"]);
  });

  it("E9: an item whose due date the calendar cannot count shows as 'due date unknown' in its owners' queues", async () => {
    for (const [user, reason] of [
      [third.users.principalA, "noCaseManager"],
      [third.users.caseManager, "unassignedReferral"],
    ] as const) {
      const queue = await buildWorkQueue(await viewerFor(user));
      const sam = queue.items.filter((i) => i.studentId === third.students.inSection.id);
      expect(sam).toMatchObject([
        { title: { key: "deadlines.rules.D-01.title" }, due: null, dueUnknown: true, reason },
      ]);
      expect(sam[0]!.overdue).toBe(false);
    }
  });

  it("E17 D-23: a consent request unanswered past its due date carries the step to record the refusal", async () => {
    const queue = await buildWorkQueue(await viewerFor(third.users.caseManager));
    const [d23] = queue.items.filter((i) => i.title.key === "deadlines.rules.D-23.title");
    expect(d23).toMatchObject({
      studentId: third.students.onCaseload.id,
      overdue: true,
      reason: "caseload",
      step: { key: "workQueue.steps.recordConsentRefusal" },
    });
  });

  it("E10: every open deadline of the district has at least one owner among its staff", async () => {
    const staff = Object.values(third.users).filter((u) => u.role !== "parent");
    const owned = new Set<string>();
    for (const user of staff) for (const id of await listOwnedOpenDeadlineIds(await viewerFor(user))) owned.add(id);
    const open = await db()
      .select({ id: deadlines.id })
      .from(deadlines)
      .where(
        and(eq(deadlines.districtId, third.district.id), eq(deadlines.status, "open"), isNull(deadlines.completedOn)),
      );
    expect(open.length).toBeGreaterThanOrEqual(5);
    expect(open.map((r) => r.id).filter((id) => !owned.has(id))).toEqual([]);
  });
});
