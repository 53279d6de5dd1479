import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/documents/model";
import { accommodationSet } from "@/lib/delivery/rules";
import { contentHash } from "@/lib/plans/hash";
import { materializedRows } from "@/lib/plans/materialize";
import type { PlanContent } from "@/lib/validation/plans";
import { todayIn } from "@/lib/time";
import { tableChecksums } from "../backup";
import type { Database } from "../client";
import { migrationsFolder } from "../run-migrations";
import * as schema from "../schema";
import { invariantViolations } from "../seed/invariants";
import { generateDistrict, RATIOS, type GenerateResult } from "./generate";

/**
 * The scale generator at a small size (PostgreSQL only: it is written for PostgreSQL). Each run
 * gets its own fresh database next to the test database (the generator fills an empty one), so
 * the suites running in parallel are not disturbed; both are dropped at the end.
 */
const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL;
const STUDENTS = 800;
const today = todayIn();

type Row = Record<string, unknown>;

function scratchUrl(suffix: string) {
  const parsed = new URL(url!);
  const name = `${parsed.pathname.slice(1).replace(/_test$/, "")}_gen${suffix}_test`;
  parsed.pathname = `/${name}`;
  return { name, url: parsed.toString() };
}

async function freshDatabase(suffix: string) {
  const target = scratchUrl(suffix);
  const admin = postgres(url!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${target.name} with (force)`);
  await admin.unsafe(`create database ${target.name}`);
  await admin.end();
  const sql = postgres(target.url, { max: 1, onnotice: () => {} });
  await migrate(drizzle(sql, { casing: "snake_case" }), { migrationsFolder });
  return { ...target, sql };
}

async function dropDatabase(name: string) {
  const admin = postgres(url!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

describe.skipIf(!process.env.DATABASE_URL)("bench:seed generator (PostgreSQL)", () => {
  let first: Awaited<ReturnType<typeof freshDatabase>>;
  /** The bulk load runs with the second and third connections `npm run bench:seed` gives it. */
  let others: postgres.Sql[] = [];
  let result: GenerateResult;
  const q = (text: string) => first.sql.unsafe(text) as unknown as Promise<Row[]>;
  const one = async (text: string) => Number(Object.values((await q(text))[0]!)[0]);

  beforeAll(async () => {
    first = await freshDatabase("a");
    others = [0, 1].map(() => postgres(first.url, { max: 1, onnotice: () => {} }));
    result = await generateDistrict(first.sql, {
      students: STUDENTS,
      seed: 7,
      today,
      passwordHash: "not-a-hash",
      deferIndexesAndForeignKeys: true,
      reader: others[0],
      writer: others[1],
    });
  }, 120_000);

  afterAll(async () => {
    for (const other of others) await other.end({ timeout: 5 });
    await first?.sql.end({ timeout: 5 });
    await dropDatabase(scratchUrl("a").name);
    await dropDatabase(scratchUrl("b").name);
  });

  it("keeps the district's ratios: plans, caseloads, sections and teachers", async () => {
    expect(await one("select count(*) from students")).toBe(STUDENTS);
    const iep = await one("select count(distinct student_id) from plans where type = 'iep'");
    const p504 = await one("select count(distinct student_id) from plans where type = '504'");
    expect(iep / STUDENTS).toBeGreaterThan(RATIOS.iepShare - 0.03);
    expect(iep / STUDENTS).toBeLessThan(RATIOS.iepShare + 0.03);
    expect(p504 / STUDENTS).toBeGreaterThan(RATIOS.plan504Share - 0.02);
    expect(p504 / STUDENTS).toBeLessThan(RATIOS.plan504Share + 0.02);
    // Every IEP student is on one caseload; caseloads hold up to 25 and ~20 on average.
    expect(await one("select count(*) from caseloads")).toBe(iep);
    expect(
      await one("select max(n) from (select count(*) n from caseloads group by case_manager_id) c"),
    ).toBeLessThanOrEqual(RATIOS.caseload);
    expect(
      await one("select avg(n) from (select count(*) n from caseloads group by case_manager_id) c"),
    ).toBeGreaterThan(12);
    // Each student is in 8 sections of up to 25; a teacher teaches up to 6 sections, at most 150 students.
    expect(await one("select count(*) from section_enrollments")).toBe(STUDENTS * RATIOS.sectionsPerStudent);
    expect(
      await one("select max(n) from (select count(*) n from section_teachers group by user_id) t"),
    ).toBeLessThanOrEqual(RATIOS.sectionsPerTeacher);
    const perTeacher = await one(`
      select avg(n) from (select st.user_id, count(distinct e.student_id) n from section_teachers st
        join section_enrollments e on e.section_id = st.section_id group by st.user_id) t`);
    // (small test schools leave some sections part-full; at 500 students a school ~125)
    expect(perTeacher).toBeGreaterThan(40);
    expect(perTeacher).toBeLessThanOrEqual(150);
    expect(
      await one("select max(n) from (select count(*) n from section_enrollments group by section_id) e"),
    ).toBeLessThanOrEqual(RATIOS.sectionSize);
    // Versions in every state of a realistic district, one guardian per student.
    const statuses = (await q("select status::text, count(*)::int n from plan_versions group by 1")).map(
      (r) => r.status,
    );
    expect(statuses).toEqual(expect.arrayContaining(["draft", "final", "active", "superseded"]));
    expect(await one("select count(*) from guardianships")).toBe(STUDENTS);
    for (const table of ["acknowledgments", "implementation_logs", "case_events", "deadlines", "meetings"])
      expect(await one(`select count(*) from ${table}`), table).toBeGreaterThan(0);
    expect(result.phases.every((p) => p.rows >= 0 && p.ms >= 0)).toBe(true);
  });

  it("stores what the app computes: content hashes, materialized items, acknowledgment hashes, document fingerprints", async () => {
    const versions = await q(`
      select id, plan_type::text as type, content, content_hash from plan_versions
      where status <> 'draft' order by id limit 40`);
    expect(versions.length).toBe(40);
    for (const v of versions) {
      const content = v.content as PlanContent;
      expect(contentHash(content)).toBe(v.content_hash);
      const rows = materializedRows(String(v.id), v.type as "iep" | "504", content, (itemId) => itemId);
      const stored = await q(`
        select item_id::text as "itemId", position, kind, text, teacher_action as "teacherAction", classroom, testing,
          responsible from plan_accommodations where version_id = '${v.id}' order by position`);
      expect(stored).toEqual(rows.accommodations.map(({ versionId: _, ...r }) => r));
      const services = await q(`
        select item_id::text as "itemId", minutes, provider_user_id::text as "providerUserId", start_date::text as "startDate"
        from plan_services where version_id = '${v.id}' order by position`);
      expect(services).toEqual(
        rows.services.map((s) => ({
          itemId: s.itemId,
          minutes: s.minutes,
          providerUserId: s.providerUserId,
          startDate: s.startDate,
        })),
      );
      expect(
        await one(
          `select count(*) from plan_objectives o join plan_goals g on g.id = o.goal_id where g.version_id = '${v.id}'`,
        ),
      ).toBe(rows.objectives.length);
      const acks = await q(`select distinct accommodation_hash from acknowledgments where version_id = '${v.id}'`);
      for (const ack of acks) expect(ack.accommodation_hash).toBe(contentHash(accommodationSet(rows.accommodations)));
    }
    expect(await one("select count(*) from stored_documents where jsonb_typeof(model) <> 'object'")).toBe(0);
    expect(await one("select count(*) from districts where settings ->> 'timeZone' = 'America/New_York'")).toBe(1);
    const docs = await q("select pdf, sha256 from stored_documents order by id limit 5");
    for (const d of docs) expect(sha256Hex(new Uint8Array(d.pdf as Buffer))).toBe(d.sha256);
  });

  it("fills service sessions, goal collectors and goal data on the IEPs in force, inside each version's days", async () => {
    const activeIeps = await one("select count(*) from plan_versions where plan_type = 'iep' and status = 'active'");
    // Sessions: on most services in force, ~1–2 a week each, by the named provider or the case manager.
    const sessions = await one("select count(*) from service_sessions");
    expect(sessions / activeIeps).toBeGreaterThan(10);
    expect(
      await one(`select count(*) from service_sessions x join plan_versions v on v.id = x.version_id
        where v.status <> 'active' or v.plan_type <> 'iep' or x.session_date < v.effective_on
          or x.session_date >= '${today}'::date`),
    ).toBe(0);
    expect(
      await one(`select count(*) from service_sessions x join plan_services s on s.id = x.service_id
        join caseloads c on c.student_id = x.student_id
        where x.logged_by <> coalesce(s.provider_user_id, c.case_manager_id)`),
    ).toBe(0);
    const statuses = (await q("select distinct status::text from service_sessions")).map((r) => r.status);
    expect(statuses).toEqual(expect.arrayContaining(["delivered", "student_absent", "provider_absent"]));
    expect(await one("select count(distinct service_id) from service_sessions")).toBeLessThan(
      await one(`select count(*) from plan_services s join plan_versions v on v.id = s.version_id
        where v.status = 'active'`),
    );
    // Goal data: every goal in force gets points about every two weeks, none outside the version's days.
    expect(await one("select count(*) from goal_collectors")).toBeGreaterThan(0);
    const points = await one("select count(*) from goal_data_points");
    expect(points).toBeGreaterThan(activeIeps);
    expect(
      await one(`select count(*) from goal_data_points p join plan_versions v on v.id = p.version_id
        join plan_goals g on g.id = p.goal_id
        where g.version_id <> v.id or v.status <> 'active' or p.observed_on < v.effective_on
          or p.observed_on >= '${today}'::date or p.value is not null or length(btrim(p.note)) = 0`),
    ).toBe(0);
    // A named collector collects on that goal; the case manager on the others.
    expect(
      await one(`select count(*) from goal_data_points p join plan_goals g on g.id = p.goal_id
        join plan_versions v on v.id = p.version_id join caseloads c on c.student_id = p.student_id
        left join goal_collectors k on k.plan_id = v.plan_id and k.goal_item_id = g.item_id and k.ended_at is null
        where p.collected_by <> coalesce(k.user_id, c.case_manager_id)`),
    ).toBe(0);
    expect(
      await one(`select count(*) from goal_data_points p join goal_collectors k on k.user_id = p.collected_by`),
    ).toBeGreaterThan(0);
  });

  it("ends some 504 plans in force (completed through a sent notice, or scheduled) and delivers nothing after an end", async () => {
    const ends = await q(`
      select e.status::text, e.ends_on::text, e.reason::text, v.status::text as version, v.ended_on::text as ended_on,
        p.ended_at is not null as plan_ended, n.status::text as notice, n.program::text as program,
        n.implementation_date <= e.ends_on as implemented
      from plan_ends e join plan_versions v on v.id = e.version_id join plans p on p.id = e.plan_id
      join prior_written_notices n on n.id = e.notice_id`);
    expect(ends.filter((e) => e.status === "completed").length).toBeGreaterThan(0);
    expect(ends.filter((e) => e.status === "scheduled").length).toBeGreaterThan(0);
    for (const e of ends) {
      expect(e).toMatchObject({ reason: "no_longer_needed", notice: "sent", program: "504", implemented: true });
      if (e.status === "completed") {
        expect(e.ends_on! <= today).toBe(true);
        expect(e).toMatchObject({ version: "ended", plan_ended: true });
        expect(new Date(`${e.ends_on}T00:00:00Z`).getTime() - new Date(`${e.ended_on}T00:00:00Z`).getTime()).toBe(
          86_400_000,
        );
      } else {
        expect(e.ends_on! > today).toBe(true);
        expect(e).toMatchObject({ version: "active", plan_ended: false });
      }
    }
    expect(
      await one(`select count(*) from implementation_logs l join plan_versions v on v.id = l.version_id
        where v.status = 'ended' and l.log_date > v.ended_on`),
    ).toBe(0);
    expect(
      await one(`select count(*) from acknowledgments a join plan_versions v on v.id = a.version_id
        where v.status = 'ended' and (a.acknowledged_at at time zone 'UTC')::date > v.ended_on`),
    ).toBe(0);
  });

  it("passes the seeded-data invariants", async () => {
    const db = drizzle(first.sql, { schema, casing: "snake_case" }) as unknown as Database;
    const violations = await invariantViolations(db, result.districtId, today);
    expect(violations.length).toBeGreaterThanOrEqual(8);
    expect(violations.filter((v) => v.rows.length > 0).map((v) => v.name)).toEqual([]);
  });

  it("is deterministic: the same seed gives the same rows (bulk load or row by row)", async () => {
    const second = await freshDatabase("b");
    try {
      await generateDistrict(second.sql, { students: STUDENTS, seed: 7, today, passwordHash: "not-a-hash" });
      const tables = new Set([
        "public.students",
        "public.plan_versions",
        "public.acknowledgments",
        "public.implementation_logs",
        "public.deadlines",
        "public.service_sessions",
        "public.goal_data_points",
        "public.plan_ends",
        // (not consent_responses or stored_documents: a rendered PDF carries its render time, so its
        // SHA-256 differs from run to run)
        "public.case_events",
      ]);
      const checksums = async (sql: postgres.Sql) =>
        (await tableChecksums((text) => sql.unsafe(text) as unknown as Promise<Record<string, unknown>[]>)).filter(
          (t) => tables.has(t.table),
        );
      const a = await checksums(first.sql);
      expect(a).toHaveLength(tables.size);
      expect(a.every((t) => t.rows > 0)).toBe(true);
      expect(await checksums(second.sql)).toEqual(a);
    } finally {
      await second.sql.end({ timeout: 5 });
    }
  }, 120_000);
});
