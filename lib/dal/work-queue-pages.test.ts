import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { hasCode } from "@/db/testing/errors";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { auditEventsBy, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addMonths } from "@/lib/compliance";
import type { Viewer } from "./viewer";
import { decodeDeadlineCursor, encodeDeadlineCursor } from "./internal/cursor";
import { buildWorkQueue, listWorkQueuePage } from "./work-queue";

// Issue 15: the district admin's work queue, one keyset page at a time over (due, id).
setupTestDatabase();
let world: World;
let other: World;

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
  await givenEvents(students.otherSchool, [
    { type: "plan504_activated", date: addMonths(await schoolDaysFrom(schoolB.id, today, 8), -12) },
  ]);
  await givenEvents(other.students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(other.schoolA.id, other.today, 60) },
  ]);
});

/** Every page from the first, following `next`; the keys of each page. */
async function walk(viewer: Viewer, pageSize: number) {
  const pages: string[][] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await listWorkQueuePage(viewer, after, pageSize);
    pages.push(page.deadlines.map((d) => d.key));
    expect(page.first).toBe(after !== null);
    if (after !== null) expect(page.others).toEqual([]);
    if (page.next === null) return pages;
    after = page.next;
  }
  throw new Error("no last page");
}

describe("the paginated work queue (listWorkQueuePage)", () => {
  it("district admin: pages of one cover every overdue deadline of the district once, in due date order, with counts over all of them", async () => {
    const admin = await viewerFor(world.users.admin);
    const all = (await buildWorkQueue(admin)).items.filter((i) => i.source === "deadline");
    expect(all).toHaveLength(3);
    const pages = await walk(admin, 1);
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => p.length === 1)).toBe(true);
    const keys = pages.flat();
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(all.map((i) => i.key).sort());
    const first = await listWorkQueuePage(admin, null, 2);
    expect(first.counts).toMatchObject({ open: 3, overdue: 3, students: 3 });
    expect(first.counts.oldestDue).toBe(all[0]!.due);
    expect(first.deadlines.map((d) => d.due)).toEqual(all.slice(0, 2).map((i) => i.due));
    expect(first.deadlines.every((d) => d.reason === "district" && d.overdue)).toBe(true);
    // Nothing of the other district.
    expect(keys.some((k) => all.every((i) => i.key !== k))).toBe(false);
    expect((await walk(await viewerFor(other.users.admin), 2)).flat()).toHaveLength(1);
  });

  it("a cursor is stable: the same page again, and an item added before it does not shift the pages after it", async () => {
    const admin = await viewerFor(world.users.admin);
    const first = await listWorkQueuePage(admin, null, 1);
    const second = await listWorkQueuePage(admin, first.next, 1);
    expect((await listWorkQueuePage(admin, first.next, 1)).deadlines).toEqual(second.deadlines);
    // A new overdue deadline due before every other one (a referral 80 school days ago).
    await givenEvents(world.students.endedCaseload, [
      { type: "referral_received", date: await schoolDaysFrom(world.schoolA.id, world.today, 80) },
    ]);
    const again = await listWorkQueuePage(admin, first.next, 1);
    expect(again.deadlines.map((d) => d.key)).toEqual(second.deadlines.map((d) => d.key));
    const fresh = await listWorkQueuePage(admin, null, 1);
    expect(fresh.counts.overdue).toBe(first.counts.overdue + 1);
    expect(fresh.deadlines[0]!.studentId).toBe(world.students.endedCaseload.id);
  });

  it("a principal's pages hold their school's items only; a cursor taken from another school's deadline reaches nothing of it", async () => {
    const principalA = await viewerFor(world.users.principalA);
    const principalB = await viewerFor(world.users.principalB);
    const ofA = (await walk(principalA, 1)).flat();
    const queueA = (await buildWorkQueue(principalA)).items.filter((i) => i.source === "deadline").map((i) => i.key);
    expect([...ofA].sort()).toEqual([...queueA].sort());
    const ofB = (await walk(principalB, 1)).flat();
    expect(ofB).toHaveLength(1);
    expect(ofA).not.toContain(ofB[0]);
    // Principal B starts "after" a school A deadline due before every deadline: still only school B's.
    const aDeadline = decodeDeadlineCursor((await listWorkQueuePage(principalA, null, 1)).next!);
    const from = encodeDeadlineCursor({ due: "2000-01-01", id: aDeadline.id });
    const page = await listWorkQueuePage(principalB, from, 50);
    expect(page.deadlines.map((d) => d.key)).toEqual(ofB);
    expect(page.deadlines.every((d) => d.schoolName === world.schoolB.name)).toBe(true);
  });

  it("a malformed cursor is NOT_FOUND, parents are FORBIDDEN, and a page read is logged with the students listed", async () => {
    const admin = await viewerFor(world.users.admin);
    for (const bad of ["x", encodeDeadlineCursor({ due: "2026-13-40", id: world.students.child.id }), "fA|not-a-uuid"])
      await expect(listWorkQueuePage(admin, bad)).rejects.toSatisfy(hasCode("NOT_FOUND"));
    await expect(listWorkQueuePage(await viewerFor(world.users.parent), null)).rejects.toSatisfy(hasCode("FORBIDDEN"));
    const before = (await auditEventsBy(admin.userId)).length;
    const page = await listWorkQueuePage(admin, null, 2);
    const events = (await auditEventsBy(admin.userId)).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "students.listed",
      details: { list: "workQueue", students: new Set(page.deadlines.map((d) => d.studentId)).size },
    });
  });
});
