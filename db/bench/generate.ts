import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { createSchoolCalendar } from "@/lib/compliance/school-calendar";
import { computeScopeDeadlines } from "@/lib/dal/internal/deadline-store";
import type { Database } from "../client";
import * as schema from "../schema";
import { connecticutSchoolYear, schoolYearStartFor } from "../seed/calendar";
import { FIRST, LANGUAGES, LAST } from "../seed/demo";
import { contentSql, contentTemplates, documentTemplates, noticeTextTemplates, REF_MEETING } from "./templates";
import { refreshGeneratedSummaries } from "./summaries";

/**
 * The scale generator (`npm run bench:seed`, issue 15): one district of `students` students on
 * PostgreSQL, built with set-based SQL (`insert … select … from generate_series`) over a handful of
 * working tables, deterministic from `seed` (ids and choices are hashes of the seed and a row key,
 * never a random number) and dated relative to `today`.
 *
 * It goes through the plan lifecycle exactly as the app does, in bulk — versions inserted as drafts
 * with their content, then the held meetings (with their participants, in the meeting's
 * transaction), then `UPDATE … status = 'final'` (the finalize gate checks the meeting), the
 * materialized items (written while the version is final), the sent notices and consents, then
 * `UPDATE … status = 'active'` (the activation gate checks the notice and, for a first IEP, the
 * consent), acknowledgments while a version is in force, `superseded` when the next one takes
 * over. No trigger is disabled. Deadlines come from the engine (lib/dal/internal/deadline-store.ts).
 */
export interface GenerateOptions {
  students: number;
  seed: number;
  /** The district's "today" (YYYY-MM-DD). */
  today: string;
  /** Argon2 hash every generated account signs in with. */
  passwordHash: string;
  /**
   * Bulk-load the way pg_restore does: drop the foreign keys and the secondary indexes of the largest
   * tables during the load, then rebuild the indexes and add every foreign key back, validated
   * against every row (a dangling reference fails the run). Row-by-row foreign-key checks are most
   * of an insert's cost (~20 µs a row each here); the lifecycle triggers stay on either way.
   */
  deferIndexesAndForeignKeys?: boolean;
  /**
   * A second connection to the same database: the deadline engine, index rebuilds and foreign-key
   * validations run on it while `sql` writes.
   */
  reader?: postgres.Sql;
  /**
   * A third connection: half of each large statement (people, enrollments, the lifecycle, the delivery
   * records) runs on it while `sql` runs the other half.
   */
  writer?: postgres.Sql;
  log?: (line: string) => void;
}

export interface PhaseResult {
  phase: string;
  rows: number;
  ms: number;
}

export interface GenerateResult {
  districtId: string;
  phases: PhaseResult[];
  totalMs: number;
}

/** Students per school, sections per student, section size, sections per teacher, caseload. */
export const RATIOS = {
  studentsPerSchool: 500,
  sectionsPerStudent: 8,
  sectionSize: 25,
  sectionsPerTeacher: 6,
  caseload: 25,
  providersPerSchool: 3,
  iepShare: 0.15,
  plan504Share: 0.06,
  referralShare: 0.01,
} as const;

/** The schema of the working tables (dropped at the end of a run). */
const WORK = "bench_work";

/** Students per deadline refresh (one transaction each). */
const DEADLINE_BATCH = 2000;

const SUBJECTS = {
  elementary: ["Homeroom", "Reading", "Mathematics", "Science", "Social Studies", "Art", "Music", "Physical Education"],
  secondary: [
    "English",
    "Mathematics",
    "Science",
    "Social Studies",
    "World Language",
    "Art",
    "Physical Education",
    "Health",
  ],
};

const TOWNS = [
  "Riverbend",
  "Oak Hill",
  "Millbrook",
  "Cedar Falls",
  "Lakeview",
  "Stonington",
  "Maple Grove",
  "Fairhaven",
  "Elm Park",
  "Westbury",
  "Brookside",
  "Harbor Point",
];

const lit = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(lit).join(", ")}]::text[]`;

/**
 * Generates the district. `sql` must be a single-connection owner client (temporary functions live
 * on each connection).
 */
export async function generateDistrict(sql: postgres.Sql, options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const N = options.students;
  const S = Math.max(2, Math.round(N / RATIOS.studentsPerSchool));
  const seed = options.seed;
  const T = options.today;
  // The school year under way — in the summer (July, August before the first day) the one that just
  // ended: its sections and enrollments, and its last semester of delivery records up to June.
  const Y = schoolYearStartFor(T) - (connecticutSchoolYear(schoolYearStartFor(T)).firstDay <= T ? 0 : 1);
  const years = [Y - 3, Y - 2, Y - 1, Y, Y + 1].map((y) => connecticutSchoolYear(y));
  const current = years[3]!;
  const calendar = createSchoolCalendar({
    schoolYears: years,
    closures: years.flatMap((y) => y.closures.map((c) => c.date)),
  });
  const days = calendar.schoolDaysInRange(years[0]!.firstDay, years[4]!.lastDay);
  const todayN = days.findIndex((d) => d >= T);
  if (todayN < 400) throw new Error(`not enough school days of history before ${T}`);
  const relationshipStart = current.firstDay;
  /** Delivery records cover a semester: the year's first day, or ~90 school days back later in the year. */
  const semesterStart = [current.firstDay, days[todayN - 90]!].sort().at(-1)!;
  const k = (name: string) => `${seed}:${name}:`;
  /** A deterministic UUID (RFC 9562 version-5 layout) from the seed and a key expression. */
  const id = (name: string, expr: string) => `pg_temp.bid(${lit(k(name))} || ${expr})`;
  /**
   * A deterministic UUID that grows with `n` (seed, table code, row number), for the largest table:
   * its primary key is then filled in order instead of at random places (400,000 enrollments: ~3 s less).
   */
  const seqId = (code: number, n: string) =>
    `('${seed.toString(16).padStart(8, "0")}-${code.toString(16).padStart(4, "0")}-5000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  /** A deterministic number in [0, 1) from the seed and a key expression. */
  const h = (name: string, expr: string) => `pg_temp.bh(${lit(k(name))} || ${expr})`;

  const phases: PhaseResult[] = [];
  const started = performance.now();
  async function phase(name: string, run: () => Promise<number>) {
    const t0 = performance.now();
    const rows = await run();
    const ms = performance.now() - t0;
    phases.push({ phase: name, rows, ms });
    const rate = ms > 0 ? Math.round((rows / ms) * 1000) : rows;
    log(
      `${name.padEnd(34)} ${String(rows).padStart(10)} rows ${(ms / 1000).toFixed(1).padStart(7)} s ${String(rate).padStart(9)} rows/s`,
    );
  }
  const runOn = async (connection: postgres.Sql, text: string, params: unknown[] = []) => {
    const result = await connection.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
    return result.count ?? 0;
  };
  const run = (text: string, params: unknown[] = []) => runOn(sql, text, params);

  /**
   * The second connection (`options.reader`, else `sql` itself): it runs work that overlaps the main
   * sequence — rebuilding the indexes of tables the load has finished with, the deadline engine, half
   * of the final foreign-key validation. It needs the same session settings and id functions.
   */
  const helper = options.reader ?? sql;
  const writer = options.writer ?? sql;
  /**
   * Runs independent pieces of work at once, the first on this connection and the second on the third
   * one (idle until the service sessions; the helper may be rebuilding indexes or running the engine),
   * and adds up their rows. Each piece is its own statements: nothing in one reads what the other writes.
   */
  const inParallel = async (
    first: (c: postgres.Sql) => Promise<number>,
    second: (c: postgres.Sql) => Promise<number>,
  ) => (await Promise.all([first(sql), second(writer)])).reduce((a, b) => a + b, 0);
  /** The two halves of a statement over the students (by student number `i`), at once. */
  const firstHalf = `i < ${Math.floor(N / 2)}`;
  const secondHalf = `i >= ${Math.floor(N / 2)}`;
  const halves = (text: (range: string) => string) =>
    inParallel(
      (c) => runOn(c, text(firstHalf)),
      (c) => runOn(c, text(secondHalf)),
    );
  const background: Promise<unknown>[] = [];
  /** Runs `work` on the helper connection alongside the main sequence, logged as its own phase. */
  const overlap = (name: string, work: () => Promise<number>) => {
    const task = phase(`${name} (overlapped)`, work);
    task.catch(() => {}); // awaited (and its error thrown) where the run waits for the background work
    background.push(task);
    return task;
  };
  // The id and hash functions run for nearly every generated row (~30 million calls at 500k), so both
  // are single expressions PostgreSQL inlines into the query: a SQL function with a FROM clause is not
  // inlined and costs ~3 µs more a call through the function executor, and numeric division ~0.5 µs
  // more than float8 (exact here: an integer below 2^32 over 2^32). Same values as the earlier forms.
  // The working tables (b_*) are unlogged tables of a schema of their own, first on every
  // connection's search path, so any connection can run any statement (a temporary table is seen by
  // its own session only); the schema is dropped at the end. Autovacuum is off for them, as it is for
  // temporary tables: their statistics change only where the run analyzes them.
  await sql.unsafe(`drop schema if exists ${WORK} cascade; create schema ${WORK}`);
  for (const connection of new Set([sql, helper, writer])) {
    await connection.unsafe(
      `set synchronous_commit = off; set work_mem = '128MB'; set maintenance_work_mem = '512MB';
       set search_path = ${WORK}, public;`,
    );
    await connection.unsafe(`
    create or replace function pg_temp.bid(k text) returns uuid language sql immutable parallel safe as
      $$ select (overlay(overlay(lpad(to_hex(hashtextextended(k, 0)), 16, '0') placing '5' from 13 for 0)
                   placing '8' from 17 for 0) || '00000000000000')::uuid $$;
    create or replace function pg_temp.bh(k text) returns double precision language sql immutable parallel safe as
      $$ select (hashtext(k)::float8 + 2147483648.0::float8) / 4294967296.0::float8 $$;
    create or replace function pg_temp.at(d date) returns timestamptz language sql immutable parallel safe as
      $$ select (d + time '14:00') at time zone 'UTC' $$;`);
  }
  const [{ district }] = (await sql.unsafe(`select ${id("district", "''")} as district`)) as unknown as [
    { district: string },
  ];

  const D = `${lit(district)}::uuid`;
  const templates = contentTemplates();
  const docs = await documentTemplates();
  const noticeTexts = noticeTextTemplates();

  // Working tables: school days, templates, students, versions.
  await sql.unsafe(`
    create unlogged table b_days (n int primary key, d date not null unique) with (autovacuum_enabled = false);
    create unlogged table b_templates (key int primary key, plan_type plan_type, text text, acc_hash text, classroom int)
      with (autovacuum_enabled = false);
    create unlogged table b_docs (key text, language locale, kind document_kind, model jsonb, pdf bytea, sha256 text,
      primary key (key, language)) with (autovacuum_enabled = false);
    create unlogged table b_notice_text (key text, language locale, elements text[], primary key (key, language))
      with (autovacuum_enabled = false);`);
  await sql.unsafe(
    `insert into b_days select (ord - 1)::int, d::date from unnest($1::text[]) with ordinality as t(d, ord)`,
    [days],
  );
  for (const t of templates)
    await sql.unsafe(`insert into b_templates values ($1, $2, $3, $4, $5)`, [
      t.key,
      t.planType,
      t.text,
      t.accommodationHash,
      t.classroomAccommodations,
    ]);
  for (const d of docs)
    await sql.unsafe(`insert into b_docs values ($1, $2, $3, $4::text::jsonb, $5, $6)`, [
      d.key,
      d.language,
      d.kind,
      JSON.stringify(d.model),
      Buffer.from(d.pdf),
      d.sha256,
    ]);
  for (const n of noticeTexts)
    await sql.unsafe(`insert into b_notice_text values ($1, $2, $3)`, [n.key, n.language, n.elements]);

  const dropped: { table: string; definition: string }[] = [];
  const foreignKeys: { table: string; name: string; definition: string }[] = [];
  if (options.deferIndexesAndForeignKeys) {
    foreignKeys.push(
      ...((await sql.unsafe(`
        select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
        from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by 1, 2`)) as unknown as {
        table: string;
        name: string;
        definition: string;
      }[]),
    );
    for (const fk of foreignKeys) await sql.unsafe(`alter table ${fk.table} drop constraint "${fk.name}"`);
    const rows = (await sql.unsafe(`
      select i.tablename, i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public'
        and i.tablename in ('section_enrollments', 'implementation_logs', 'guardianships', 'meeting_participants',
                            'stored_documents', 'caseloads', 'section_teachers', 'users', 'students', 'deadlines',
                            'service_sessions', 'goal_data_points')
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`)) as unknown as {
      indexname: string;
      indexdef: string;
      tablename: string;
    }[];
    for (const r of rows) {
      dropped.push({ table: r.tablename, definition: r.indexdef });
      await sql.unsafe(`drop index ${r.indexname}`);
    }
  }

  /** Rebuilds the dropped indexes of `tables` (all when null) on `connection`, each index once. */
  const rebuilt = new Set<string>();
  const rebuildIndexes = async (connection: postgres.Sql, tables: readonly string[] | null) => {
    let count = 0;
    for (const index of dropped) {
      if (rebuilt.has(index.definition) || (tables && !tables.includes(index.table))) continue;
      rebuilt.add(index.definition);
      await connection.unsafe(index.definition);
      count++;
    }
    return count;
  };

  // ── District, schools, calendars ────────────────────────────────────────────────────────────
  await phase("district, schools, calendars", async () => {
    let rows = await run(
      `insert into districts (id, name, slug, settings, created_at, updated_at)
       values ($1, $2, $3, $4::text::jsonb, pg_temp.at($5::date - 400), pg_temp.at($5::date - 400))`,
      [district, `Bench District (${N} students, seed ${seed})`, `bench-${seed}`, '{"timeZone":"America/New_York"}', T],
    );
    rows += await run(`
      create unlogged table b_schools with (autovacuum_enabled = false) as
      select s, ${id("school", "s")} as id, (array['elementary','elementary','middle','high'])[s % 4 + 1]::school_level as level,
        (array[6, 6, 3, 4])[s % 4 + 1] as grade_count, (array[0, 0, 6, 9])[s % 4 + 1] as first_grade,
        ((${N} - 1 - s) / ${S}) + 1 as students
      from generate_series(0, ${S - 1}) s`);
    rows += await run(`
      insert into schools (id, district_id, name, code, level, phone, created_at, updated_at)
      select id, ${D}, (${textArray(TOWNS)})[s % ${TOWNS.length} + 1] || ' ' ||
          initcap(level::text) || ' School ' || (s / ${TOWNS.length} + 1),
        'B' || lpad(s::text, 5, '0'), level, '(860) 555-' || lpad((s % 10000)::text, 4, '0'),
        pg_temp.at(${lit(T)}::date - 400), pg_temp.at(${lit(T)}::date - 400)
      from b_schools`);
    for (const y of years) {
      rows += await run(
        `insert into school_years (id, school_id, label, first_day, last_day, created_at, updated_at)
         select ${id("year", `s || ':' || $1`)}, id, $1, $2::date, $3::date, pg_temp.at($2::date - 60), pg_temp.at($2::date - 60)
         from b_schools`,
        [y.label, y.firstDay, y.lastDay],
      );
      rows += await run(
        `insert into calendar_days (id, school_year_id, date, kind, reason, created_at, updated_at)
         select ${id("closure", `s || ':' || c.d`)}, ${id("year", `s || ':' || $1`)}, c.d::date, 'closure', c.reason,
           pg_temp.at($2::date - 60), pg_temp.at($2::date - 60)
         from b_schools, unnest($3::text[], $4::text[]) as c(d, reason)`,
        [y.label, y.firstDay, y.closures.map((c) => c.date), y.closures.map((c) => c.reason)],
      );
    }
    return rows;
  });

  // ── Students and their parents ──────────────────────────────────────────────────────────────
  const F = FIRST.length;
  const L = LAST.length;
  await phase("students", async () => {
    await run(`
      create unlogged table b_students with (autovacuum_enabled = false) as
      select i, ${id("student", "i")} as id, sc.s, sc.id as school_id, sc.level,
        (i / ${S}) % sc.grade_count as g, (i / ${S}) / sc.grade_count as q,
        sc.first_grade + (i / ${S}) % sc.grade_count as grade_number,
        (${textArray(FIRST)})[floor(${h("first", "i")} * ${F})::int + 1] as first_name,
        (${textArray(LAST)})[floor(${h("last", "i")} * ${L})::int + 1] as last_name,
        (${textArray(LANGUAGES)})[floor(${h("lang", "i")} * ${LANGUAGES.length})::int + 1] as lang,
        ${h("program", "i")} as p
      from generate_series(0, ${N - 1}) i join b_schools sc on sc.s = i % ${S}`);
    await run(`alter table b_students add primary key (i); analyze b_students`);
    return halves(
      (range) => `
      insert into students (id, district_id, school_id, sasid, first_name, last_name, birth_date, grade,
        home_language, parent_language, created_at, updated_at)
      select id, ${D}, school_id, (${1_000_000_000 + seed * 1_000_000} + i)::text, first_name, last_name,
        make_date(${Y} - grade_number - 6, 9, 1) + (${h("birth", "i")} * 365)::int,
        case when grade_number = 0 then 'K' else grade_number::text end, lang, lang,
        pg_temp.at(${lit(relationshipStart)}::date - 30), pg_temp.at(${lit(relationshipStart)}::date - 30)
      from b_students where ${range}`,
    );
  });

  await phase("parents (users, guardianships)", async () =>
    inParallel(
      (c) =>
        runOn(
          c,
          `insert into users (id, district_id, email, name, password_hash, role, locale, created_at, updated_at)
       select ${id("parent", "i")}, ${D}, 'parent.' || i || '@bench.planpath.example',
         (${textArray(FIRST)})[floor(${h("parent-first", "i")} * ${F})::int + 1] || ' ' || last_name, $1, 'parent',
         case when lang = 'es' then 'es'::locale end,
         pg_temp.at(${lit(relationshipStart)}::date - 30), pg_temp.at(${lit(relationshipStart)}::date - 30)
       from b_students`,
          [options.passwordHash],
        ),
      (c) =>
        runOn(
          c,
          `
      insert into guardianships (id, student_id, guardian_user_id, relation, starts_on, created_at, updated_at)
      select ${id("guardianship", "i")}, b.id, ${id("parent", "i")}, 'parent', st.birth_date,
        pg_temp.at(${lit(relationshipStart)}::date - 30), pg_temp.at(${lit(relationshipStart)}::date - 30)
      from b_students b join students st on st.id = b.id`,
        ),
    ),
  );

  // ── Programs: who has an IEP, a 504 plan or a referral, and each plan's story ───────────────
  const iepCut = RATIOS.iepShare;
  const p504Cut = iepCut + RATIOS.plan504Share;
  const refCut = p504Cut + RATIOS.referralShare;
  await run(`
    create unlogged table b_programs with (autovacuum_enabled = false) as
    select b.i, b.id as student_id, b.s, b.school_id, b.first_name, b.lang,
      case when p < ${iepCut} then 'iep' when p < ${p504Cut} then '504' when p < ${refCut} then 'referral' end as program,
      ${h("story", "b.i")} as story,
      row_number() over (partition by b.s, (p < ${iepCut}) order by b.i) - 1 as rank_in_school
    from b_students b where p < ${refCut}`);
  await run(`alter table b_programs add primary key (i); analyze b_programs`);

  // ── Staff ───────────────────────────────────────────────────────────────────────────────────
  await phase("staff (users, assignments)", async () => {
    await run(`
      create unlogged table b_sections with (autovacuum_enabled = false) as
      select sc.s, sc.id as school_id, sc.level, c.g, sc.first_grade + c.g as grade_number, slot, grp,
        row_number() over (partition by sc.s order by c.g, slot, grp) - 1 as k
      from b_schools sc
      join (select s, g, count(*) as n from b_students group by s, g) c on c.s = sc.s
      cross join generate_series(1, ${RATIOS.sectionsPerStudent}) slot
      cross join lateral generate_series(0, (c.n - 1) / ${RATIOS.sectionSize}) grp`);
    await run(`alter table b_sections add column id uuid;
      update b_sections set id = ${id("section", "s || ':' || g || ':' || slot || ':' || grp")};
      alter table b_sections add column teacher int; update b_sections set teacher = (k / ${RATIOS.sectionsPerTeacher})::int;
      create index on b_sections (s, g, slot, grp); analyze b_sections`);
    await run(`
      create unlogged table b_staff with (autovacuum_enabled = false) as
      select sc.s, sc.id as school_id, r.role, r.n
      from b_schools sc
      left join (select s, max(teacher) + 1 as n from b_sections group by s) t on t.s = sc.s
      left join (select s, count(*) as n from b_programs where program = 'iep' group by s) c on c.s = sc.s
      cross join lateral (values
        ('principal', 1),
        ('teacher', coalesce(t.n, 1)::int),
        ('case_manager', greatest(1, ceil(coalesce(c.n, 0) / ${RATIOS.caseload}.0))::int),
        ('provider', ${RATIOS.providersPerSchool})
      ) as r(role, n)`);
    const admins = Math.max(2, Math.round(S / 100));
    let rows = await run(
      `insert into users (id, district_id, email, name, password_hash, role, created_at, updated_at)
       select ${id("admin", "a")}, ${D}, 'admin.' || a || '@bench.planpath.example',
         (${textArray(FIRST)})[floor(${h("staff-first", "'admin' || a")} * ${F})::int + 1] || ' ' ||
         (${textArray(LAST)})[floor(${h("staff-last", "'admin' || a")} * ${L})::int + 1], $1, 'district_admin',
         pg_temp.at(${lit(relationshipStart)}::date - 400), pg_temp.at(${lit(relationshipStart)}::date - 400)
       from generate_series(0, ${admins - 1}) a`,
      [options.passwordHash],
    );
    rows += await run(
      `insert into users (id, district_id, email, name, password_hash, role, created_at, updated_at)
       select ${id("staff", "st.role || ':' || st.s || ':' || j")}, ${D},
         replace(st.role, '_', '') || '.s' || st.s || '.' || j || '@bench.planpath.example',
         (${textArray(FIRST)})[floor(${h("staff-first", "st.role || st.s || ':' || j")} * ${F})::int + 1] || ' ' ||
         (${textArray(LAST)})[floor(${h("staff-last", "st.role || st.s || ':' || j")} * ${L})::int + 1], $1, st.role::user_role,
         pg_temp.at(${lit(relationshipStart)}::date - 400), pg_temp.at(${lit(relationshipStart)}::date - 400)
       from b_staff st cross join lateral generate_series(0, st.n - 1) j`,
      [options.passwordHash],
    );
    rows += await run(`
      insert into staff_assignments (id, user_id, school_id, role, starts_on, created_at, updated_at)
      select ${id("assignment", "st.role || ':' || st.s || ':' || j")}, ${id("staff", "st.role || ':' || st.s || ':' || j")},
        st.school_id, st.role::school_role, ${lit(years[2]!.firstDay)}::date,
        pg_temp.at(${lit(years[2]!.firstDay)}::date - 30), pg_temp.at(${lit(years[2]!.firstDay)}::date - 30)
      from b_staff st cross join lateral generate_series(0, st.n - 1) j
      union all
      select ${id("assignment", "'coordinator_504:' || s")}, ${id("staff", "'teacher:' || s || ':0'")}, id, 'coordinator_504',
        ${lit(years[2]!.firstDay)}::date, pg_temp.at(${lit(years[2]!.firstDay)}::date - 30),
        pg_temp.at(${lit(years[2]!.firstDay)}::date - 30)
      from b_schools`);
    return rows;
  });

  // ── Sections, teachers, enrollments, caseloads ──────────────────────────────────────────────
  await phase("sections and teachers", async () => {
    let rows = await run(`
      insert into sections (id, school_id, school_year_id, code, name, period, schedule, room, created_at, updated_at)
      select x.id, x.school_id, ${id("year", `x.s || ':' || ${lit(current.label)}`)},
        'G' || x.grade_number || '-' || x.slot || '-' || chr(65 + x.grp::int),
        case when x.level = 'elementary' then 'Grade ' || case when x.grade_number = 0 then 'K' else x.grade_number::text end
               || ' ' || (${textArray(SUBJECTS.elementary)})[x.slot]
             else (${textArray(SUBJECTS.secondary)})[x.slot] || ' ' || x.grade_number end
          || ' (' || chr(65 + x.grp::int) || ')',
        x.slot::text, case when x.level = 'high' then 'A/B days' else 'Mon–Fri' end, (100 + x.k % 200)::text,
        pg_temp.at(${lit(relationshipStart)}::date - 20), pg_temp.at(${lit(relationshipStart)}::date - 20)
      from b_sections x`);
    rows += await run(`
      insert into section_teachers (id, section_id, user_id, starts_on, created_at, updated_at)
      select ${id("section-teacher", "x.id::text")}, x.id, ${id("staff", "'teacher:' || x.s || ':' || x.teacher")},
        ${lit(relationshipStart)}, pg_temp.at(${lit(relationshipStart)}::date - 20), pg_temp.at(${lit(relationshipStart)}::date - 20)
      from b_sections x`);
    return rows;
  });

  // In two halves at once, by student number: each connection fills its own range of the (sequential) keys.
  await phase("section enrollments", async () =>
    halves(
      (range) => `
      insert into section_enrollments (id, section_id, student_id, starts_on, created_at, updated_at)
      select ${seqId(1, `b.i::bigint * ${RATIOS.sectionsPerStudent} + slot`)}, ${id("section", "b.s || ':' || b.g || ':' || slot || ':' || (b.q / " + RATIOS.sectionSize + ")")},
        b.id, ${lit(relationshipStart)}, pg_temp.at(${lit(relationshipStart)}::date - 20), pg_temp.at(${lit(relationshipStart)}::date - 20)
      from b_students b cross join generate_series(1, ${RATIOS.sectionsPerStudent}) slot where b.${range}`,
    ),
  );

  await phase("caseloads", async () =>
    run(`
      insert into caseloads (id, case_manager_id, student_id, starts_on, created_at, updated_at)
      select ${id("caseload", "p.i")}, ${id("staff", `'case_manager:' || p.s || ':' || (p.rank_in_school / ${RATIOS.caseload})`)},
        p.student_id, ${lit(years[2]!.firstDay)}, pg_temp.at(${lit(years[2]!.firstDay)}::date - 10), pg_temp.at(${lit(years[2]!.firstDay)}::date - 10)
      from b_programs p where p.program = 'iep'`),
  );

  // The people, sections and enrollments are complete: their indexes are rebuilt on the second
  // connection while the plans go through their lifecycle on this one.
  if (dropped.length)
    void overlap("rebuild indexes: people, sections, enrollments", () =>
      rebuildIndexes(helper, [
        "students",
        "guardianships",
        "users",
        "section_teachers",
        "section_enrollments",
        "caseloads",
      ]),
    );

  // ── Plans and versions ──────────────────────────────────────────────────────────────────────
  // Stories (by `story`): IEP — 8% first IEP drafted, 52% first IEP in force (or final and waiting
  // for its notice's implementation date), 30% renewed (v1 superseded, v2 in force), 10% in force
  // with an amendment drafted; 504 — 6% drafted, 64% in force, 30% renewed. Meeting days are
  // school days counted back from today (n = school-day index).
  const TN = todayN;
  await phase("plans", async () => {
    await run(`
      create unlogged table b_versions with (autovacuum_enabled = false) as
      with stories as (
        select p.*, ${id("plan", "p.i")} as plan_id,
          case when p.program = 'iep' then
            case when story < 0.08 then 'draft' when story < 0.60 then 'active' when story < 0.90 then 'renewed' else 'amending' end
          else case when story < 0.06 then 'draft' when story < 0.70 then 'active' else 'renewed' end end as kind,
          ${h("k1", "p.i")} as r1, ${h("k2", "p.i")} as r2, ${h("template", "p.i")} as rt
        from b_programs p where p.program in ('iep', '504')
      )
      select st.i, st.student_id, st.s, st.school_id, st.first_name, st.lang, st.plan_id, st.program::plan_type as plan_type,
        st.kind, v.number,
        ${id("version", "st.i || ':' || v.number")} as id,
        case when v.number = 2 then ${id("version", "st.i || ':1'")} end as based_on,
        -- the target status of this version
        case
          when st.kind = 'draft' then 'draft'
          when st.kind = 'amending' and v.number = 2 then 'draft'
          when st.kind = 'renewed' and v.number = 1 then 'superseded'
          else 'active' end as target,
        -- meeting day index
        case
          when st.kind = 'draft' or (st.kind = 'amending' and v.number = 2) then ${TN} + 3 + (st.r2 * 20)::int
          when st.kind = 'active' then ${TN} - 2 - (st.r1 * 188)::int
          when st.kind = 'amending' then ${TN} - 20 - (st.r1 * 170)::int
          when v.number = 1 then ${TN} - 185 - (st.r1 * 115)::int
          else ${TN} - 12 - (st.r2 * 163)::int end as meeting_n,
        case when st.program = 'iep'
          then (case when st.s % 4 = 3 then 1 else 0 end) + (case when st.rt < 0.35 then 2 else 0 end)
             + (case when (st.rt * 100)::int % 2 = 1 then 4 else 0 end)
             # (case when st.kind = 'amending' and v.number = 2 then 4 else 0 end)
          else 8 + (st.rt * 2)::int % 2 end as template,
        case when st.program = 'iep' then ${id("staff", "'case_manager:' || st.s || ':' || (st.rank_in_school / " + RATIOS.caseload + ")")}
          else ${id("staff", "'principal:' || st.s || ':0'")} end as lead,
        ${id("staff", "'provider:' || st.s || ':0'")} as provider
      from stories st
      cross join lateral generate_series(1, case when st.kind in ('renewed', 'amending') then 2 else 1 end) as v(number)`);
    await run(`alter table b_versions add primary key (id); create index on b_versions (plan_id, number);
      alter table b_versions add column meeting date, add column implementation date, add column effective date,
        add column notice_sent date, add column scheduled date, add column consent_on date, add column effective_n int;
      update b_versions v set meeting = m.d, scheduled = sch.d, notice_sent = ns.d,
        implementation = case when v.plan_type = 'iep' then impl.d else next.d end, consent_on = next.d
      from b_days m, b_days sch, b_days ns, b_days impl, b_days next
      where m.n = v.meeting_n and sch.n = v.meeting_n - 12 and ns.n = v.meeting_n - 7 and impl.n = v.meeting_n + 10
        and next.n = v.meeting_n + 1;
      update b_versions set effective = implementation,
        effective_n = case when plan_type = 'iep' then meeting_n + 10 else meeting_n + 1 end where target <> 'draft';
      -- a version whose implementation date is still ahead is final, scheduled to take effect then
      update b_versions set target = 'final' where target = 'active' and effective > ${lit(T)}::date;
      analyze b_versions`);
    // 504 plans in force that end (issue 12): ~4% ended earlier in the year because the accommodations
    // are no longer needed (completed: the version ended, the plan closed, plan504_ended written), ~3%
    // with the end scheduled a few weeks ahead (and at least one of each in any district). "ends" is the first day without the plan, the notice
    // proposing it was sent 10 school days before.
    await run(`
      alter table b_versions add column end_status text, add column ends date, add column end_notice date;
      update b_versions v set end_status = case
          when x.rank = 2 then 'scheduled'
          when (x.r < 0.04 or x.rank = 1) and v.effective_n < ${TN} - 20 then 'completed'
          when x.r >= 0.04 and x.r < 0.07 then 'scheduled' end
        from (select id, ${h("end", "i")} as r,
                row_number() over (order by effective_n >= ${TN} - 20, ${h("end", "i")}) as rank
              from b_versions where plan_type = '504' and target = 'active') x
        where v.id = x.id;
      update b_versions v set ends = e.d, end_notice = n.d
        from b_days e, b_days n
        where v.end_status is not null
          and e.n = case when v.end_status = 'completed'
            then v.effective_n + 10 + floor(${h("end-day", "v.i")} * (${TN} - 15 - v.effective_n))::int
            else ${TN} + 5 + floor(${h("end-day", "v.i")} * 30)::int end
          and n.n = e.n - 10;
      analyze b_versions`);
    return halves(
      (range) => `
      insert into plans (id, district_id, student_id, type, created_by, created_at, updated_at)
      select plan_id, ${D}, student_id, plan_type, lead, pg_temp.at(meeting - 7), pg_temp.at(meeting - 7)
      from b_versions where number = 1 and ${range}`,
    );
  });

  // Each version is a draft until its meeting decides it: one open draft per plan, so a plan's
  // second version is drafted once the first is final. From here on the lifecycle statements run in two
  // halves at once (by student number, so both versions of a plan are in the same half, in order).
  const decided = `v.target <> 'draft'`;
  for (const number of [1, 2]) {
    const decidedN = `v.target <> 'draft' and v.number = ${number}`;
    await phase(`draft versions (v${number})`, async () =>
      halves(
        (range) => `
        insert into plan_versions (id, plan_id, student_id, plan_type, number, status, content, based_on_version_id,
          created_by, updated_by, created_at, updated_at)
        select v.id, v.plan_id, v.student_id, v.plan_type, v.number, 'draft',
          (${contentSql("t.text", "v.first_name", "case when t.text like '%@@PROVIDER@@%' then v.provider end", "v.meeting")})::jsonb,
          v.based_on, v.lead, v.lead, pg_temp.at(v.meeting - 7), pg_temp.at(v.meeting - 7)
        from b_versions v join b_templates t on t.key = v.template where v.number = ${number} and v.${range}`,
      ),
    );

    // ── The legal record: meetings (with participants, one transaction), documents ──────────────
    // (each half in its own transaction)
    const meetingsOf = (connection: postgres.Sql, range: string) =>
      connection.begin(async (tx) => {
        let rows = await tx
          .unsafe(
            `
          insert into stored_documents (id, district_id, student_id, kind, language, model, pdf, sha256, created_by, created_at)
          select ${id("doc-meeting", "v.id::text")}, ${D}, v.student_id, d.kind, d.language, d.model, d.pdf, d.sha256,
            v.lead, pg_temp.at(v.notice_sent)
          from b_versions v join b_docs d on d.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
            and d.key = case when v.plan_type = '504' then 'notice-504' when v.number = 1 then 'notice-initial' else 'notice-annual' end
          where ${decidedN} and v.${range}`,
          )
          .then((r) => r.count);
        rows += await tx
          .unsafe(
            `
          insert into meetings (id, district_id, student_id, program, status, purposes, plan_version_id, scheduled_on, starts_at,
            location, language, notice_document_id, notice_sent_on, held_on, decisions, created_by, updated_by, created_at, updated_at)
          select ${id("meeting", "v.id::text")}, ${D}, v.student_id, v.plan_type::text::deadline_program, 'held',
            case when v.plan_type = '504' then '{eligibility}'::meeting_purpose[]
                 when v.number = 1 then '{eligibility,initial_iep}'::meeting_purpose[] else '{annual_review}'::meeting_purpose[] end,
            v.id, v.meeting, '15:30', 'Conference room, main office',
            (case when v.lang = 'es' then 'es' else 'en' end)::locale, ${id("doc-meeting", "v.id::text")}, v.notice_sent, v.meeting,
            case when v.plan_type = 'iep'
              then 'The team reviewed present levels, goals, services and accommodations and agreed on the IEP as written.'
              else 'The team reviewed the evaluation data and agreed on the accommodations in the 504 plan.' end,
            v.lead, v.lead, pg_temp.at(v.scheduled), pg_temp.at(v.meeting)
          from b_versions v where ${decidedN} and v.${range}`,
          )
          .then((r) => r.count);
        rows += await tx
          .unsafe(
            `
          insert into meeting_participants (id, meeting_id, role, user_id, guardianship_id, name, invited, attended, created_at, updated_at)
          select ${id("participant", "v.id || ':' || p.n")}, ${id("meeting", "v.id::text")}, p.role::participant_role,
            case p.n when 0 then ${id("parent", "v.i")} when 1 then v.lead end,
            case when p.n = 0 then ${id("guardianship", "v.i")} end,
            case when p.n = 0 then u.name else p.name end, true, true, pg_temp.at(v.scheduled), pg_temp.at(v.meeting)
          from b_versions v join users u on u.id = ${id("parent", "v.i")}
          cross join lateral (values
            (0, 'parent', ''),
            (1, case when v.plan_type = 'iep' then 'special_education_teacher' else 'principal' end,
                case when v.plan_type = 'iep' then 'Case manager' else 'Building principal' end),
            (2, 'general_education_teacher', 'Classroom teacher'),
            (3, case when v.plan_type = 'iep' then 'district_representative' end, 'Building principal'),
            (4, case when v.plan_type = 'iep' then 'evaluation_interpreter' end, 'School psychologist')
          ) as p(n, role, name)
          where ${decidedN} and v.${range} and p.role is not null`,
          )
          .then((r) => r.count);
        return rows;
      });
    await phase(`meetings and participants (v${number})`, async () =>
      inParallel(
        (c) => meetingsOf(c, firstHalf),
        (c) => meetingsOf(c, secondHalf),
      ),
    );

    // ── Finalize, materialize ───────────────────────────────────────────────────────────────────
    await phase(`finalize versions (v${number})`, async () =>
      halves(
        (range) => `
        update plan_versions pv set status = 'final', meeting_id = ${id("meeting", "v.id::text")},
          content_hash = encode(sha256(convert_to(${contentSql("t.text", "v.first_name", "case when t.text like '%@@PROVIDER@@%' then v.provider end", "v.meeting")}, 'UTF8')), 'hex'),
          review_due = (v.meeting + interval '1 year')::date,
          proposed_at = pg_temp.at(v.meeting - 3), finalized_at = pg_temp.at(v.meeting), updated_at = pg_temp.at(v.meeting)
        from b_versions v join b_templates t on t.key = v.template
        where pv.id = v.id and ${decidedN} and v.${range}`,
      ),
    );

    // The accommodations on this connection, services, goals and objectives on the third one.
    await phase(`materialized plan items (v${number})`, async () =>
      inParallel(
        (c) =>
          runOn(
            c,
            `
        insert into plan_accommodations (id, version_id, item_id, position, kind, text, teacher_action, classroom, testing,
          responsible, created_at)
        select ${id("acc-row", "pv.id || ':' || (a.value ->> 'id')")}, pv.id, (a.value ->> 'id')::uuid, (a.ord - 1)::int,
          a.value ->> 'kind', a.value ->> 'text', a.value ->> 'teacherAction', (a.value ->> 'classroom')::boolean,
          (a.value ->> 'testing')::boolean, nullif(a.value ->> 'responsible', ''), pv.finalized_at
        from plan_versions pv join b_versions v on v.id = pv.id
        cross join lateral jsonb_array_elements(pv.content -> 'accommodations') with ordinality as a(value, ord)
        where ${decidedN}`,
          ),
        async (c) => {
          let rows = await runOn(
            c,
            `
        insert into plan_services (id, version_id, item_id, position, category, service_type, minutes, frequency, location,
          provider_user_id, provider_name, start_date, end_date, created_at)
        select ${id("svc-row", "pv.id || ':' || (x.value ->> 'id')")}, pv.id, (x.value ->> 'id')::uuid, (x.ord - 1)::int,
          x.value ->> 'category', x.value ->> 'type', (x.value ->> 'minutes')::int, x.value ->> 'frequency', x.value ->> 'location',
          nullif(x.value ->> 'providerUserId', '')::uuid, nullif(x.value ->> 'providerName', ''),
          nullif(x.value ->> 'startDate', '')::date, nullif(x.value ->> 'endDate', '')::date, pv.finalized_at
        from plan_versions pv join b_versions v on v.id = pv.id
        cross join lateral jsonb_array_elements(pv.content -> 'services') with ordinality as x(value, ord)
        where ${decidedN} and v.plan_type = 'iep'`,
          );
          rows += await runOn(
            c,
            `
        insert into plan_goals (id, version_id, item_id, position, area, text, baseline, target, measurement, schedule, created_at)
        select ${id("goal-row", "pv.id || ':' || (g.value ->> 'id')")}, pv.id, (g.value ->> 'id')::uuid, (g.ord - 1)::int,
          coalesce(nullif(g.value ->> 'area', ''), 'other'), g.value ->> 'text', g.value ->> 'baseline', g.value ->> 'target',
          g.value ->> 'measurement', g.value ->> 'schedule', pv.finalized_at
        from plan_versions pv join b_versions v on v.id = pv.id
        cross join lateral jsonb_array_elements(pv.content -> 'goals') with ordinality as g(value, ord)
        where ${decidedN} and v.plan_type = 'iep'`,
          );
          rows += await runOn(
            c,
            `
        insert into plan_objectives (id, goal_id, item_id, position, text, criteria, evaluation, schedule, created_at)
        select ${id("obj-row", "pv.id || ':' || (o.value ->> 'id')")}, ${id("goal-row", "pv.id || ':' || (g.value ->> 'id')")},
          (o.value ->> 'id')::uuid, (o.ord - 1)::int, o.value ->> 'text', o.value ->> 'criteria', o.value ->> 'evaluation',
          o.value ->> 'schedule', pv.finalized_at
        from plan_versions pv join b_versions v on v.id = pv.id
        cross join lateral jsonb_array_elements(pv.content -> 'goals') as g(value)
        cross join lateral jsonb_array_elements(g.value -> 'objectives') with ordinality as o(value, ord)
        where ${decidedN} and v.plan_type = 'iep'`,
          );
          return rows;
        },
      ),
    );
  }

  // ── Notices and consents (IEP): a sent PWN per version, consent to initial services for v1 ──
  // The documents on this connection while the notices and consent requests that name them are written
  // on the third one (foreign keys are added back at the end); then the responses.
  await phase("notices and consents", async () => {
    let rows = await inParallel(
      (c) =>
        runOn(
          c,
          `
      insert into stored_documents (id, district_id, student_id, kind, language, model, pdf, sha256, created_by, created_at)
      select ${id("doc-pwn", "v.id::text")}, ${D}, v.student_id, d.kind, d.language, d.model, d.pdf, d.sha256,
        v.lead, pg_temp.at(v.meeting)
      from b_versions v join b_docs d on d.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
        and d.key = case when v.number = 1 then 'pwn-initial' else 'pwn-annual' end
      where ${decided} and v.plan_type = 'iep'
      union all
      select ${id("doc-consent", "v.id::text")}, ${D}, v.student_id, d.kind, d.language, d.model, d.pdf, d.sha256,
        v.lead, pg_temp.at(v.meeting)
      from b_versions v join b_docs d on d.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
        and d.key = 'consent-services'
      where ${decided} and v.plan_type = 'iep' and v.number = 1`,
        ),
      async (c) =>
        (await runOn(
          c,
          `
      insert into prior_written_notices (id, district_id, student_id, program, status, action, subject, plan_version_id, meeting_id,
        action_description, reasons, evaluations_used, safeguards_statement, help_sources, options_considered, other_factors,
        language, delivery_method, sent_on, implementation_date, document_id, created_by, sent_by, created_at, updated_at)
      select ${id("notice", "v.id::text")}, ${D}, v.student_id, 'iep', 'sent', 'propose',
        case when v.number = 1 then 'placement' else 'fape' end::pwn_subject, v.id, ${id("meeting", "v.id::text")},
        replace(n.elements[1], ${lit(REF_MEETING)}, v.meeting::text), n.elements[2], n.elements[3], n.elements[4],
        n.elements[5], n.elements[6], n.elements[7], n.language, 'in_person', v.meeting, v.implementation,
        ${id("doc-pwn", "v.id::text")}, v.lead, v.lead, pg_temp.at(v.meeting), pg_temp.at(v.meeting)
      from b_versions v join b_notice_text n on n.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
        and n.key = case when v.number = 1 then 'initial' else 'annual' end
      where ${decided} and v.plan_type = 'iep'`,
        )) +
        (await runOn(
          c,
          `
      insert into consent_requests (id, district_id, student_id, type, program, plan_version_id, meeting_id, document_id,
        document_sha256, language, requested_on, requested_by, created_at)
      select ${id("consent", "v.id::text")}, ${D}, v.student_id, 'initial_services', 'iep', v.id,
        ${id("meeting", "v.id::text")}, ${id("doc-consent", "v.id::text")}, d.sha256, d.language, v.meeting, v.lead,
        pg_temp.at(v.meeting)
      from b_versions v join b_docs d on d.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
        and d.key = 'consent-services'
      where ${decided} and v.plan_type = 'iep' and v.number = 1`,
        )),
    );
    rows += await run(`
      insert into consent_responses (id, request_id, student_id, decision, signer_kind, signer_guardianship_id, signer_name,
        method, document_sha256, responded_on, responded_at, recorded_by)
      select ${id("consent-response", "v.id::text")}, r.id, v.student_id, 'granted',
        case when a.adult then 'adult_student' else 'guardian' end::consent_signer_kind,
        case when not a.adult then ${id("guardianship", "v.i")} end,
        case when a.adult then st.first_name || ' ' || st.last_name else u.name end, 'staff_recorded_paper', r.document_sha256,
        v.consent_on, (v.consent_on + time '16:00') at time zone 'UTC', v.lead
      from b_versions v join consent_requests r on r.id = ${id("consent", "v.id::text")}
        join users u on u.id = ${id("parent", "v.i")}
        join students st on st.id = v.student_id
        -- a student of 18 decides for themselves (no court-appointed guardian is generated)
        cross join lateral (select (st.birth_date + interval '18 years')::date <= v.consent_on as adult) a
      where ${decided} and v.plan_type = 'iep' and v.number = 1`);
    return rows;
  });

  // ── Activation, acknowledgments in force, supersession ──────────────────────────────────────
  // The implementers are the teachers of the student's sections, found from the working tables (the
  // same section ids the enrollments were written with) rather than through section_enrollments, whose
  // student index is rebuilt in the background: the plan does not depend on that table's statistics.
  const ackRows = (versionFilter: string, until: string) => `
    insert into acknowledgments (id, version_id, user_id, student_id, accommodation_hash, acknowledged_at)
    select ${id("ack", "p.version_id || ':' || p.user_id")}, p.version_id, p.user_id, p.student_id, t.acc_hash, pg_temp.at(ack.d)
    from (
      select distinct v.id as version_id, v.student_id, v.template, v.effective_n, ${until} as until_d,
        ${id("staff", "'teacher:' || x.s || ':' || x.teacher")} as user_id
      from b_versions v
      join b_students b on b.i = v.i
      cross join generate_series(1, ${RATIOS.sectionsPerStudent}) as gs(slot)
      join b_sections x on x.s = b.s and x.g = b.g and x.slot = gs.slot and x.grp = b.q / ${RATIOS.sectionSize}
      where ${versionFilter}
    ) p
    join b_templates t on t.key = p.template
    cross join lateral (select p.effective_n + floor(${h("ack-day", "p.version_id || ':' || p.user_id")} * 12)::int as n,
      ${h("ack", "p.version_id || ':' || p.user_id")} as r) o
    join b_days ack on ack.n = o.n
    where o.r < 0.85 and ack.d < p.until_d`;
  // The activation gates read the legal record written just before (notices, consents, meetings):
  // analyzed first, or the gates' lookups run on the empty-table estimates (500k: 455 rows/s).
  await phase("analyze the legal record", async () => {
    await sql.unsafe(`analyze plans, plan_versions, meetings, meeting_participants, prior_written_notices,
      consent_requests, consent_responses, plan_services, plan_accommodations, plan_goals`);
    return 0;
  });
  await phase("activate first versions", async () =>
    halves(
      (range) => `
      update plan_versions pv set status = 'active', effective_on = v.effective, activated_at = pg_temp.at(v.effective),
        updated_at = pg_temp.at(v.effective)
      from b_versions v where pv.id = v.id and v.number = 1 and v.target in ('active', 'superseded') and v.${range}`,
    ).then(async (rows) => {
      // Re-analyzed once versions are in force: on the statistics of a table with none active, the
      // acknowledgment gate's lookup (`id = … and status = 'active'`) scans the partial index
      // plan_versions_one_active_per_plan, whose real size then grows with every row (50k: 390 s).
      await sql.unsafe("analyze plan_versions");
      return rows;
    }),
  );
  // v1 of a renewed plan was acknowledged by most of its implementers while it was in force.
  await phase("acknowledgments of renewed versions", async () =>
    halves((range) =>
      ackRows(
        `v.target = 'superseded' and v.${range}`,
        `least((select n.effective from b_versions n where n.plan_id = v.plan_id and n.number = 2), ${lit(T)}::date)`,
      ),
    ),
  );
  // Each half supersedes its plans' first versions before it activates their second ones.
  const supersedeHalf = async (c: postgres.Sql, range: string) => {
    let rows = await runOn(
      c,
      `
      update plan_versions pv set status = 'superseded', ended_on = n.effective - 1, closed_at = pg_temp.at(n.effective),
        updated_at = pg_temp.at(n.effective)
      from b_versions v join b_versions n on n.plan_id = v.plan_id and n.number = 2
      where pv.id = v.id and v.target = 'superseded' and v.${range}`,
    );
    rows += await runOn(
      c,
      `
      update plan_versions pv set status = 'active', effective_on = v.effective, activated_at = pg_temp.at(v.effective),
        updated_at = pg_temp.at(v.effective)
      from b_versions v where pv.id = v.id and v.number = 2 and v.target = 'active' and v.${range}`,
    );
    rows += await runOn(
      c,
      `
      update plan_versions pv set effective_on = v.effective, updated_at = pg_temp.at(v.meeting)
      from b_versions v where pv.id = v.id and v.target = 'final' and v.${range}`,
    );
    return rows;
  };
  await phase("supersede, activate second versions", async () => {
    const rows = await inParallel(
      (c) => supersedeHalf(c, firstHalf),
      (c) => supersedeHalf(c, secondHalf),
    );
    await sql.unsafe("analyze plan_versions");
    return rows;
  });

  // ── Case events: the history outside PlanPath (manual) and what the workflow wrote ─────────
  // The case events (written from the legal record, which no longer changes) on the third connection
  // while this one writes the acknowledgments of the versions in force: neither reads the other.
  const caseEvents = async (c: postgres.Sql) => {
    // The first IEP's history: referral, consent to evaluate, eligibility (at the first PPT).
    let rows = await runOn(
      c,
      `
      insert into case_events (id, district_id, student_id, type, date, consent, note, source, recorded_by, created_at, updated_at)
      select ${id("case-event", "v.i || ':' || e.n")}, ${D}, v.student_id, e.type::case_event_type, e.d, e.consent::consent_type,
        null, 'manual', v.lead, pg_temp.at(e.d), pg_temp.at(e.d)
      from b_versions v
      join b_days m on m.d = case when v.target = 'draft' then ${lit(days[TN - 5]!)}::date else v.meeting end
      join b_days r on r.n = m.n - 45
      cross join lateral (values
        (0, 'referral_received', r.d, null),
        (1, 'consent_requested', (select d from b_days where n = r.n + 3), 'initial_evaluation'),
        (2, 'consent_granted', (select d from b_days where n = r.n + 8), 'initial_evaluation')
      ) as e(n, type, d, consent)
      where v.plan_type = 'iep' and v.number = 1`,
    );
    rows += await runOn(
      c,
      `
      insert into case_events (id, district_id, student_id, type, date, source, recorded_by, created_at, updated_at)
      select ${id("case-event", "v.i || ':3'")}, ${D}, v.student_id, 'eligibility_determined',
        case when v.target = 'draft' then ${lit(days[TN - 5]!)}::date else v.meeting end, 'manual', v.lead,
        pg_temp.at(case when v.target = 'draft' then ${lit(days[TN - 5]!)}::date else v.meeting end),
        pg_temp.at(case when v.target = 'draft' then ${lit(days[TN - 5]!)}::date else v.meeting end)
      from b_versions v where v.plan_type = 'iep' and v.number = 1`,
    );
    // Referrals in progress: a referral, a consent request, for most a grant.
    rows += await runOn(
      c,
      `
      insert into case_events (id, district_id, student_id, type, date, consent, source, recorded_by, created_at, updated_at)
      select ${id("case-event", "p.i || ':' || e.n")}, ${D}, p.student_id, e.type::case_event_type, e.d,
        e.consent::consent_type, 'manual', ${id("staff", "'case_manager:' || p.s || ':0'")}, pg_temp.at(e.d), pg_temp.at(e.d)
      from b_programs p
      join b_days r on r.n = ${TN} - 3 - (p.story * 60)::int
      cross join lateral (values
        (0, 'referral_received', r.d, null),
        (1, 'consent_requested', (select d from b_days where n = r.n + 2), 'initial_evaluation'),
        (2, 'consent_granted', (select d from b_days where n = r.n + 6), 'initial_evaluation')
      ) as e(n, type, d, consent)
      where p.program = 'referral' and e.d < ${lit(T)}::date and (e.n < 2 or p.story < 0.7)`,
    );
    // The workflow's events: meeting scheduled and held (PPT), notice sent, consent asked and given,
    // a version put in force.
    rows += await runOn(
      c,
      `
      insert into case_events (id, district_id, student_id, type, date, meeting_date, meeting_purposes, pwn_action, pwn_subject,
        consent, source, source_id, recorded_by, created_at, updated_at)
      select ${id("case-event", "x.source_id || ':' || x.type")}, ${D}, x.student_id, x.type::case_event_type, x.d,
        x.meeting_date, x.purposes, x.pwn_action::pwn_action, x.pwn_subject::pwn_subject, x.consent::consent_type, 'workflow',
        x.source_id, x.lead, pg_temp.at(x.d), pg_temp.at(x.d)
      from (
        select v.student_id, v.lead, m.id as source_id, 'meeting_scheduled' as type, v.scheduled as d, v.meeting as meeting_date,
          null::meeting_purpose[] as purposes, null as pwn_action, null as pwn_subject, null as consent
        from b_versions v join meetings m on m.id = ${id("meeting", "v.id::text")} where v.plan_type = 'iep'
        union all
        select v.student_id, v.lead, m.id, 'ppt_meeting_held', v.meeting, null, m.purposes, null, null, null
        from b_versions v join meetings m on m.id = ${id("meeting", "v.id::text")} where v.plan_type = 'iep'
        union all
        select v.student_id, v.lead, n.id, 'pwn_sent', n.sent_on, null, null, 'propose', n.subject::text, null
        from b_versions v join prior_written_notices n on n.id = ${id("notice", "v.id::text")}
        union all
        select v.student_id, v.lead, r.id, 'consent_requested', r.requested_on, null, null, null, null, 'initial_services'
        from b_versions v join consent_requests r on r.id = ${id("consent", "v.id::text")}
        union all
        select v.student_id, v.lead, x.id, 'consent_granted', x.responded_on, null, null, null, null, 'initial_services'
        from b_versions v join consent_responses x on x.id = ${id("consent-response", "v.id::text")}
        union all
        select v.student_id, v.lead, v.id, case when v.plan_type = 'iep' then 'iep_implemented' else 'plan504_activated' end,
          v.effective, null, null, null, null, null
        from b_versions v where v.target in ('active', 'superseded')
        union all
        select v.student_id, v.lead, v.id, 'plan504_ended', v.ends - 1, null, null, null, null, null
        from b_versions v where v.end_status = 'completed'
      ) x`,
    );
    return rows;
  };
  await Promise.all([
    phase("acknowledgments of versions in force", async () =>
      run(ackRows("v.target = 'active'", `least(coalesce(v.ends, ${lit(T)}::date), ${lit(T)}::date)`)),
    ),
    phase("case events", () => caseEvents(writer)),
  ]);

  // ── Deadlines: the engine, school by school ─────────────────────────────────────────────────
  // The engine reads only what is written by now (case events, students, calendars), so it runs on the
  // second connection — reading, computing in this process, writing — while this connection writes
  // the delivery records below.
  await sql.unsafe("analyze case_events, students, schools, school_years, calendar_days");
  const deadlineRows = overlap("deadlines (engine)", async () => {
    // In batches of students ordered by school (each batch loads the calendars of few schools), each
    // batch one transaction: a whole-district refresh deletes school by school over the district's
    // rows, which grows with the square of the district.
    // The next batch is read and computed while this one is written.
    const db = drizzle(helper, { schema, casing: "snake_case" }) as unknown as Database;
    const ids = (
      (await helper.unsafe(`
        select e.student_id as id from case_events e join students s on s.id = e.student_id
        where e.district_id = ${D} group by e.student_id, s.school_id order by s.school_id, e.student_id`)) as unknown as {
        id: string;
      }[]
    ).map((r) => r.id);
    // The engine's rows (lib/dal/internal/deadline-store.ts computeScopeDeadlines, as refreshDeadlines
    // computes them), written with one set-based insert per batch instead of the store's upserts.
    const stamp = new Date(`${T}T06:00:00Z`);
    const result = { deadlines: 0 };
    const compute = (start: number) =>
      computeScopeDeadlines(db, { districtId: district, studentIds: ids.slice(start, start + DEADLINE_BATCH) }, stamp);
    let next = ids.length ? compute(0) : null;
    for (let start = 0; next; start += DEADLINE_BATCH) {
      const { values } = await next;
      next = start + DEADLINE_BATCH < ids.length ? compute(start + DEADLINE_BATCH) : null;
      result.deadlines += await helper
        .unsafe(
          `insert into deadlines (id, district_id, student_id, rule_id, trigger_key, trigger_event_id, program, due, unit, status,
           computed_at, created_at, updated_at)
         select ${id("deadline", "x.student_id || ':' || x.rule_id || ':' || x.trigger_key")}, ${D}, x.student_id, x.rule_id,
           x.trigger_key, x.trigger_event_id, x.program::deadline_program, x.due, x.unit::deadline_unit,
           x.status::deadline_status, $2::timestamptz, $2::timestamptz, $2::timestamptz
         from jsonb_to_recordset($1::text::jsonb) as x(student_id uuid, rule_id text, trigger_key text, trigger_event_id uuid,
           program text, due date, unit text, status text)`,
          [
            JSON.stringify(
              values.map((v) => ({
                student_id: v.studentId,
                rule_id: v.ruleId,
                trigger_key: v.triggerKey,
                trigger_event_id: v.triggerEventId ?? null,
                program: v.program,
                due: v.due ?? null,
                unit: v.unit,
                status: v.status,
              })),
            ),
            stamp.toISOString(),
          ],
        )
        .then((r) => r.count);
    }
    return result.deadlines;
  });

  // ── A semester of implementation logs ───────────────────────────────────────────────────────
  // 30% of the versions in force are logged by the teacher of one of the student's sections (who
  // acknowledged it), from the later of the acknowledgment and the semester's start, on a share of
  // school days that varies by teacher; classroom accommodations only; a few "not provided"
  // (with a reason), declined and not needed, and a few corrections.
  // In two halves (by version) at once, on this connection and the third one; each half's corrections
  // read only its own half's logs.
  const byVersion = (expr: string, half: number) => `(hashtext(${expr}::text) & 1) = ${half}`;
  const logHalf = async (c: postgres.Sql, half: number) => {
    let rows = await runOn(
      c,
      `
      insert into implementation_logs (id, version_id, accommodation_id, section_id, student_id, logged_by, log_date, status,
        reason, note, created_at)
      select ${id("log", "a.id || ':' || dd.d")}, v.id, a.id, st.section_id, v.student_id, st.user_id, dd.d,
        case when roll < 0.06 then 'not_provided' when roll < 0.10 then 'declined' when roll < 0.18 then 'not_needed'
          else 'provided' end::implementation_status,
        case when roll < 0.06 then 'Substitute teacher did not have the plan' end,
        case when roll >= 0.06 and roll < 0.10 then 'Said they did not need it today' end,
        (dd.d + time '15:10') at time zone 'UTC'
      from b_versions v
      join b_students b on b.i = v.i
      join section_teachers st on st.section_id = ${id("section", `v.s || ':' || b.g || ':' || (1 + floor(${h("log-slot", "v.id::text")} * ${RATIOS.sectionsPerStudent})::int) || ':' || (b.q / ${RATIOS.sectionSize})`)}
      join acknowledgments ack on ack.version_id = v.id and ack.user_id = st.user_id
      join plan_accommodations a on a.version_id = v.id and a.classroom
      join b_days dd on dd.d >= greatest(v.effective, (ack.acknowledged_at at time zone 'UTC')::date, ${lit(semesterStart)}::date)
        and dd.d < least(coalesce(v.ends, ${lit(T)}::date), ${lit(T)}::date)
      cross join lateral (select ${h("log-roll", "a.id || ':' || dd.d")} as roll) r
      where v.target = 'active' and ${h("logged", "v.id::text")} < 0.3 and ${byVersion("v.id", half)}
        and ${h("log-day", "v.id || ':' || dd.d")} < 0.15 + 0.5 * ${h("diligence", "v.id::text")}`,
    );
    rows += await runOn(
      c,
      `
      insert into implementation_logs (id, version_id, accommodation_id, section_id, student_id, logged_by, log_date, status,
        note, replaces_id, created_at)
      select ${id("log-correction", "l.id::text")}, l.version_id, l.accommodation_id, l.section_id, l.student_id, l.logged_by,
        l.log_date, 'not_needed', 'Corrected: the class had a test day', l.id, l.created_at + interval '1 day'
      from implementation_logs l join b_versions v on v.id = l.version_id
      where l.status = 'provided' and ${byVersion("l.version_id", half)} and ${h("correct", "l.id::text")} < 0.005`,
    );
    return rows;
  };
  await phase("implementation logs", () =>
    inParallel(
      (c) => logHalf(c, 0),
      (c) => logHalf(c, 1),
    ),
  );

  // ── Service sessions: a semester of minutes on the IEP services in force ────────────────────
  // Sessions of 50 minutes (150 a week or more), 45 (90 or more) or 30 on a share of school days that
  // gives the weekly minutes, logged by the named provider or else the case manager; 85% of services are
  // logged at all; a few sessions missed because the student (not owed) or the provider (owed) was absent.
  // Written in two halves (by service) at once, on this connection and the third one.
  const sessionHalf = (half: number) => `
      insert into service_sessions (id, service_id, version_id, student_id, logged_by, session_date, minutes, status, note,
        created_at)
      select ${id("session", "s.id || ':' || dd.d")}, s.id, v.id, v.student_id, coalesce(s.provider_user_id, v.created_by), dd.d,
        len.m,
        case when r.roll < 0.04 then 'student_absent' when r.roll < 0.07 then 'provider_absent' else 'delivered' end::service_session_status,
        case when r.roll >= 0.04 and r.roll < 0.07 then 'Provider out sick' end,
        (dd.d + time '15:20') at time zone 'UTC'
      from plan_versions v
      join plan_services s on s.version_id = v.id
      join b_days dd on dd.d >= greatest(v.effective_on, ${lit(semesterStart)}::date) and dd.d < ${lit(T)}::date
      cross join lateral (select ${h("session-roll", "s.id || ':' || dd.d")} as roll) r
      cross join lateral (select case when s.minutes >= 150 then 50 when s.minutes >= 90 then 45 else 30 end as m) len
      where v.status = 'active' and v.plan_type = 'iep' and (hashtext(s.id::text) & 1) = ${half}
        and ${h("svc-logged", "s.id::text")} < 0.85
        and ${h("session-day", "s.id || ':' || dd.d")} < s.minutes / (5.0 * len.m)`;
  await phase("service sessions", async () => {
    const [a, b] = await Promise.all([sql, writer].map((connection, half) => connection.unsafe(sessionHalf(half))));
    return (a!.count ?? 0) + (b!.count ?? 0);
  });

  // ── Goal data: who collects, and a point about every two weeks per goal in force ────────────
  // In 30% of the IEPs in force the case manager names the school's speech-language pathologist to
  // collect on the reading goal (goal_collectors); the case manager collects on the rest. The generated
  // goals carry no numeric measure, so each point is a narrative note (the app's qualitative goal).
  // In two halves at once (by student), each writing its collectors before its points.
  const goalDataHalf = async (c: postgres.Sql, range: string) => {
    let rows = await runOn(
      c,
      `
      insert into goal_collectors (id, plan_id, goal_item_id, student_id, user_id, assigned_by, assigned_at)
      select ${id("collector", "g.id::text")}, v.plan_id, g.item_id, v.student_id, v.provider, v.lead, pg_temp.at(v.effective)
      from b_versions v join plan_goals g on g.version_id = v.id and g.area = 'reading'
      where v.target = 'active' and v.plan_type = 'iep' and v.${range} and ${h("collector", "v.plan_id::text")} < 0.3`,
    );
    rows += await runOn(
      c,
      `
      insert into goal_data_points (id, goal_id, version_id, student_id, collected_by, observed_on, value, method, setting, note,
        created_at)
      select ${id("point", "g.id || ':' || dd.d")}, g.id, v.id, v.student_id, coalesce(c.user_id, v.lead), dd.d, null,
        g.measurement, 'General education classroom',
        (array['Steady progress toward the goal; fewer prompts than last time.', 'Met the criterion on this probe.',
          'Below the aimline today; will reteach the strategy.', 'Worked independently for most of the task.'])
          [1 + floor(${h("point-note", "g.id || ':' || dd.d")} * 4)::int],
        (dd.d + time '15:40') at time zone 'UTC'
      from b_versions v
      join plan_goals g on g.version_id = v.id
      left join goal_collectors c on c.plan_id = v.plan_id and c.goal_item_id = g.item_id and c.ended_at is null
      join b_days dd on dd.d >= greatest(v.effective, ${lit(semesterStart)}::date) and dd.d < ${lit(T)}::date
      where v.target = 'active' and v.plan_type = 'iep' and v.${range} and ${h("point-day", "g.id || ':' || dd.d")} < 0.1`,
    );
    return rows;
  };
  await phase("goal collectors and goal data", () =>
    inParallel(
      (c) => goalDataHalf(c, firstHalf),
      (c) => goalDataHalf(c, secondHalf),
    ),
  );

  // ── Plan ends: 504 plans no longer needed (a sent notice, the end, the version ended) ──────────
  await phase("plan ends (504)", async () => {
    let rows = await run(`
      insert into stored_documents (id, district_id, student_id, kind, language, model, pdf, sha256, created_by, created_at)
      select ${id("doc-end", "v.id::text")}, ${D}, v.student_id, d.kind, d.language, d.model, d.pdf, d.sha256, v.lead,
        pg_temp.at(v.end_notice)
      from b_versions v join b_docs d on d.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
        and d.key = 'pwn-end504'
      where v.end_status is not null`);
    rows += await run(`
      insert into prior_written_notices (id, district_id, student_id, program, status, action, subject, action_description,
        reasons, evaluations_used, safeguards_statement, help_sources, options_considered, other_factors, language,
        delivery_method, sent_on, implementation_date, document_id, created_by, sent_by, created_at, updated_at)
      select ${id("end-notice", "v.id::text")}, ${D}, v.student_id, '504', 'sent', 'propose', 'placement',
        n.elements[1], n.elements[2], n.elements[3], n.elements[4], n.elements[5], n.elements[6], n.elements[7], n.language,
        'mail', v.end_notice, v.ends, ${id("doc-end", "v.id::text")}, v.lead, v.lead, pg_temp.at(v.end_notice),
        pg_temp.at(v.end_notice)
      from b_versions v join b_notice_text n on n.language = (case when v.lang = 'es' then 'es' else 'en' end)::locale
        and n.key = 'end504'
      where v.end_status is not null`);
    rows += await run(`
      insert into plan_ends (id, district_id, student_id, plan_id, version_id, plan_type, reason, status, ends_on, notice_id,
        completed_at, created_by, created_at, updated_at)
      select ${id("plan-end", "v.id::text")}, ${D}, v.student_id, v.plan_id, v.id, '504', 'no_longer_needed',
        v.end_status::plan_end_status, v.ends, ${id("end-notice", "v.id::text")},
        case when v.end_status = 'completed' then pg_temp.at(v.ends) end, v.lead, pg_temp.at(v.end_notice),
        pg_temp.at(case when v.end_status = 'completed' then v.ends else v.end_notice end)
      from b_versions v where v.end_status is not null`);
    // As the jobs runner completes an end on its day (lib/dal/internal/plan-ends.ts completePlanEnd).
    rows += await run(`
      update plan_versions pv set status = 'ended', ended_on = v.ends - 1, closed_at = pg_temp.at(v.ends),
        updated_at = pg_temp.at(v.ends)
      from b_versions v where pv.id = v.id and v.end_status = 'completed'`);
    rows += await run(`
      update plans p set ended_at = pg_temp.at(v.ends), updated_at = pg_temp.at(v.ends)
      from b_versions v where p.id = v.plan_id and v.end_status = 'completed'`);
    return rows;
  });

  // As the workflow and the demo seed do: a meeting's sent notice completes the D-06 deadline its
  // scheduling opened; birthday rules past due and old notices are history, marked done on their day.
  await phase("deadlines: completed ones", async () => {
    await deadlineRows;
    let rows = await run(`
      update deadlines d set completed_on = m.notice_sent_on, completed_by = m.created_by
      from case_events e join meetings m on m.id = e.source_id
      where d.trigger_event_id = e.id and d.rule_id = 'D-06' and d.completed_on is null
        and m.notice_sent_on is not null and d.district_id = ${D}`);
    rows += await run(`
      update deadlines set completed_on = due
      where district_id = ${D} and completed_on is null and due < ${lit(days[TN - 3]!)}::date
        and rule_id in ('D-10', 'D-11', 'D-05b')`);
    return rows;
  });

  await Promise.all(background);
  // The rest of the indexes, then the foreign keys, on both connections at once. A key is added
  // unvalidated (a catalog change), then validated against every row — a validation locks only its own
  // table against writes, so validations of different tables run side by side.
  const connections = [...new Set([sql, helper])];
  if (dropped.length)
    await phase("rebuild secondary indexes", async () =>
      (await Promise.all(connections.map((connection) => rebuildIndexes(connection, null)))).reduce((a, b) => a + b, 0),
    );
  if (foreignKeys.length)
    await phase("add foreign keys back (validated)", async () => {
      for (const fk of foreignKeys)
        await sql.unsafe(`alter table ${fk.table} add constraint "${fk.name}" ${fk.definition} not valid`);
      const tables = [...new Set(foreignKeys.map((fk) => fk.table))];
      let nextTable = 0;
      await Promise.all(
        connections.map(async (connection) => {
          for (let t = nextTable++; t < tables.length; t = nextTable++)
            for (const fk of foreignKeys.filter((f) => f.table === tables[t]))
              await connection.unsafe(`alter table ${fk.table} validate constraint "${fk.name}"`);
        }),
      );
      return foreignKeys.length;
    });

  await phase("analyze", async () => {
    const tables = (await sql.unsafe(
      `select relname from pg_stat_user_tables where schemaname = 'public' order by n_live_tup desc`,
    )) as unknown as { relname: string }[];
    let nextTable = 0;
    await Promise.all(
      connections.map(async (connection) => {
        for (let t = nextTable++; t < tables.length; t = nextTable++)
          await connection.unsafe(`analyze "${tables[t]!.relname}"`);
      }),
    );
    return 0;
  });
  await phase("delivery summaries", () => refreshGeneratedSummaries(connections, district, T));
  await sql.unsafe(`drop schema ${WORK} cascade`);
  for (const connection of new Set([sql, helper, writer])) await connection.unsafe(`reset search_path`);

  return { districtId: district, phases, totalMs: performance.now() - started };
}
