import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { hasCode } from "@/db/testing/errors";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { auditEventsBy, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addMonths } from "@/lib/compliance";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { buildWorkQueue, listWorkQueue, summarizeWorkQueue } from "./work-queue";

setupTestDatabase();
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
  it("case manager: IEP items of their current caseload only, with school days left", async () => {
    const queue = await buildWorkQueue(await viewerFor(world.users.caseManager));
    expect(summary(queue.items)).toEqual(["Casey D-01 caseload"]);
    expect(queue.items[0]).toMatchObject({
      schoolDaysLeft: -15,
      overdue: true,
      escalated: true,
      dueSoon: false,
      href: `/students/${world.students.onCaseload.id}#deadlines`,
    });
  });

  it("principal: their school's 504 items and IEP items overdue past the escalation threshold, not other schools'", async () => {
    const queue = await buildWorkQueue(await viewerFor(world.users.principalA));
    expect(summary(queue.items)).toEqual(["Casey D-01 escalation", "Cleo 504-R school504"]);
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

  it("teachers have an empty deadline queue (acknowledgments arrive with issue 5); parents have no queue", async () => {
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
      details: { list: "workQueue", studentIds: [world.students.onCaseload.id, world.students.child.id] },
    });
    expect(await summarizeWorkQueue(viewer)).toEqual({ open: 2, overdue: 1, escalated: 1, dueSoon: 0 });
    expect((await auditEventsBy(viewer.userId)).length).toBe(before + 1);
  });
});
