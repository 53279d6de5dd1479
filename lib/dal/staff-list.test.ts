import { and, asc, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { hasCode } from "@/db/testing/errors";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import type { Viewer } from "./viewer";
import { listDistrictStaff } from "./users";

// Issue 15: /admin/staff one keyset page at a time over (name, id).
const db = setupTestDatabase();
let world: World;
let other: World;

beforeAll(async () => {
  world = await createWorld();
  other = await createWorld();
  // Two accounts with the same name: the id breaks the tie, so neither is skipped nor repeated.
  await db()
    .insert(users)
    .values(
      ["a", "b"].map((n) => ({
        districtId: world.district.id,
        email: `twin.${n}.${world.district.id}@test.example`,
        name: `Aaron Twin ${world.district.slug}`,
        role: "teacher" as const,
      })),
    );
});

async function walk(viewer: Viewer, pageSize: number) {
  const pages: Awaited<ReturnType<typeof listDistrictStaff>>["staff"][] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const { staff, next } = await listDistrictStaff(viewer, after, pageSize);
    pages.push(staff);
    if (next === null) return pages;
    after = next;
  }
  throw new Error("no last page");
}

describe("the staff list (listDistrictStaff), paginated", () => {
  it("pages of two list every staff account of the district once, by name, without parents or other districts' staff", async () => {
    const admin = await viewerFor(world.users.admin);
    const expected = await db()
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.districtId, world.district.id), ne(users.role, "parent")))
      .orderBy(asc(users.name), asc(users.id));
    const pages = await walk(admin, 2);
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    const listed = pages.flat();
    // Every account once, in the database's (name, id) order.
    expect(listed.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(listed.some((s) => s.id === world.users.parent.id || s.id === other.users.admin.id)).toBe(false);
    // Current schools are those of the listed accounts.
    expect(listed.find((s) => s.id === world.users.principalA.id)?.schools).toEqual([world.schoolA.name]);
    // One page holds them all with the default size.
    const all = await listDistrictStaff(admin);
    expect(all.next).toBeNull();
    expect(all.staff.map((s) => s.id)).toEqual(listed.map((s) => s.id));
  });

  it("a malformed cursor is NOT_FOUND; staff without staff.manage are FORBIDDEN", async () => {
    const admin = await viewerFor(world.users.admin);
    for (const bad of ["x", Buffer.from(JSON.stringify(["A", "not-a-uuid"])).toString("base64url")])
      await expect(listDistrictStaff(admin, bad)).rejects.toSatisfy(hasCode("NOT_FOUND"));
    await expect(listDistrictStaff(await viewerFor(world.users.principalA))).rejects.toSatisfy(hasCode("FORBIDDEN"));
  });
});
