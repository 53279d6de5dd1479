import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db/client";
import { schools, students } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, type World } from "@/db/testing/factories";
import { countStatements } from "@/db/testing/statements";
import { ReadBatch } from "./read-batch";

setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
});

const studentsOf = (world: World) =>
  getDb()
    .select({
      id: students.id,
      firstName: students.firstName,
      birthDate: students.birthDate,
      schoolName: schools.name,
      nameLength: sql<number>`length(${students.firstName})`.mapWith(String),
      tags: sql<{ grade: string }>`json_build_object('grade', ${students.grade})`,
      missing: sql<string | null>`null::text`,
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.districtId, world.district.id))
    .orderBy(asc(students.firstName));
const schoolsOf = (world: World) =>
  getDb()
    .select({ id: schools.id, name: schools.name, count: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(schools)
    .where(eq(schools.districtId, world.district.id))
    .orderBy(asc(schools.name));

describe("ReadBatch", () => {
  it("reads issued together come back as each select would, in its order and with its decoding", async () => {
    const batch = new ReadBatch(getDb());
    const [batchedStudents, batchedSchools] = await Promise.all([
      batch.read(studentsOf(world)),
      batch.read(schoolsOf(world)),
    ]);
    expect(batchedStudents.length).toBeGreaterThan(5);
    expect(batchedStudents).toEqual(await studentsOf(world));
    expect(batchedSchools).toEqual(await schoolsOf(world));
    expect(typeof batchedStudents[0]!.nameLength).toBe("string");
    expect(batchedSchools[0]!.count).toBe(2);
  });

  it.runIf(getDriver() === "postgres")(
    "sends one statement for reads issued together, the select itself for one alone",
    async () => {
      const batch = new ReadBatch(getDb());
      const together = await countStatements(() =>
        Promise.all([batch.read(studentsOf(world)), batch.read(schoolsOf(world))]),
      );
      expect(together.statements).toBe(1);
      const alone = await countStatements(() => batch.read(schoolsOf(world)));
      expect(alone.statements).toBe(1);
      expect(alone.result).toEqual(await schoolsOf(world));
    },
  );

  it("a failing read fails every read of its batch, and the next batch runs", async () => {
    const batch = new ReadBatch(getDb());
    const broken = getDb()
      .select({ x: sql<number>`1 / 0` })
      .from(schools)
      .where(eq(schools.districtId, world.district.id));
    const results = await Promise.allSettled([batch.read(schoolsOf(world)), batch.read(broken)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await batch.read(schoolsOf(world))).toEqual(await schoolsOf(world));
  });
});
