import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { todayIn } from "@/lib/time";
import { findPlanGaps } from "@/lib/dal/internal/no-gap";
import { viewerFor } from "@/db/testing/factories";
import { createProgressReportDraft, getProgressReport, listProgressReports } from "@/lib/dal/progress-reports";
import { DEMO_IDS, seedDemo } from "./demo";
import { invariantNames, invariantViolations } from "./invariants";

const db = setupTestDatabase();
const today = todayIn("America/New_York");

beforeAll(async () => {
  if (!process.env.DATABASE_URL) await seedDemo(db(), { passwordHash: "not-a-real-hash", today });
}, 240_000);

type Row = Record<string, unknown>;
/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
const rows = async (query: ReturnType<typeof sql>): Promise<Row[]> => {
  const result = (await db().execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? [...result] : result.rows;
};

/**
 * Issue 11 ("one source of truth"): every student's plans, meetings, notices, consents and deadlines
 * tell one consistent story (db/seed/invariants.ts, also run on generated districts by db/bench).
 */
describe.skipIf(Boolean(process.env.DATABASE_URL))("demo seed invariants: one consistent story per student", () => {
  it.each(invariantNames())("%s", async (name) => {
    const [violation] = await invariantViolations(db(), DEMO_IDS.district, today, { only: name });
    expect(violation).toEqual({ name, rows: [] });
  });
});

describe.skipIf(Boolean(process.env.DATABASE_URL))("demo seed: a student at each stage of the legal record", () => {
  const student = (key: string) => DEMO_IDS.student(key);

  it("a meeting scheduled with its notice sent, and one whose notice is still to send (D-06)", async () => {
    const scheduled = await rows(sql`
      select student_id, notice_sent_on is not null as noticed, notice_document_id is not null as stored
      from meetings where status = 'scheduled' and scheduled_on >= ${today} order by scheduled_on`);
    expect(scheduled).toEqual(
      expect.arrayContaining([
        { student_id: student("emma-miller"), noticed: true, stored: true },
        { student_id: student("mateo-garcia"), noticed: false, stored: false },
      ]),
    );
  });

  it("consent pending (C-01, past D-23), consent declined, consent granted for a first IEP (C-02)", async () => {
    const state = async (key: string, type: string) =>
      (
        await rows(sql`
          select coalesce((select decision::text from consent_responses x where x.request_id = r.id
            order by x.responded_at desc limit 1), 'open') as state
          from consent_requests r where r.student_id = ${student(key)} and r.type = ${type}`)
      ).map((r) => r.state);
    expect(await state("s01", "initial_evaluation")).toEqual(["open"]);
    expect(await state("jaylen-johnson", "initial_evaluation")).toEqual(["open"]);
    expect(await state("s34", "initial_evaluation")).toEqual(["refused"]);
    expect(await state("s03", "initial_services")).toEqual(["granted"]);
  });

  it("a final IEP waiting for its notice's 10 school days takes effect on the implementation date (D-05)", async () => {
    const [waiting] = await rows(sql`
      select v.status, v.effective_on, n.implementation_date, n.agreed_implementation_date
      from plan_versions v join prior_written_notices n on n.plan_version_id = v.id
      where v.student_id = ${student("s30")} and v.number = 2`);
    expect(waiting).toMatchObject({ status: "final", agreed_implementation_date: null });
    expect(waiting!.effective_on).toEqual(waiting!.implementation_date);
    expect(String(waiting!.effective_on) > today).toBe(true);
  });

  it("stay-put: a pending due-process filing on a student with an IEP in force (300.518)", async () => {
    expect(
      await rows(sql`
        select f.status from due_process_filings f
        where f.student_id = ${student("sofia-garcia")} and exists (select 1 from plan_versions v
          where v.student_id = f.student_id and v.plan_type = 'iep' and v.status = 'active')`),
    ).toEqual([{ status: "pending" }]);
  });

  it("every stored notice and form is fingerprinted, and each sent notice has all seven 300.503(b) contents", async () => {
    expect(
      await rows(sql`
        select n.id from prior_written_notices n left join stored_documents d on d.id = n.document_id
        where n.status = 'sent' and (d.id is null or d.sha256 !~ '^[0-9a-f]{64}$')`),
    ).toEqual([]);
    expect(
      await rows(sql`
        select r.id from consent_requests r join stored_documents d on d.id = r.document_id
        where d.sha256 <> r.document_sha256`),
    ).toEqual([]);
  });

  it("service sessions: each on a school day (or a closure for 'school closed') inside its version's time in force, never in the future; make-ups name a provider absence of the same service", async () => {
    const { loadSchoolCalendars } = await import("@/lib/dal/internal/calendars");
    const sessions = await rows(sql`
      select ss.session_date::text as date, ss.status::text as status, st.school_id, v.effective_on::text as effective_on,
        v.ended_on::text as ended_on, m.status::text as missed_status, m.service_id = ss.service_id as same_service,
        ss.make_up_for_id
      from service_sessions ss join plan_versions v on v.id = ss.version_id join students st on st.id = ss.student_id
      left join service_sessions m on m.id = ss.make_up_for_id
      where st.district_id = ${DEMO_IDS.district}`);
    expect(sessions.length).toBeGreaterThan(0);
    const calendars = await loadSchoolCalendars(db(), [DEMO_IDS.maple, DEMO_IDS.high]);
    const bad = sessions.filter((r) => {
      const date = r.date as string;
      const open = calendars.get(r.school_id as string)!.isSchoolDay(date);
      return (
        date > today ||
        date < (r.effective_on as string) ||
        (r.ended_on !== null && date > (r.ended_on as string)) ||
        (r.status === "school_closed" ? open : !open) ||
        (r.make_up_for_id !== null && (r.missed_status !== "provider_absent" || r.same_service !== true))
      );
    });
    expect(bad).toEqual([]);
  });

  it("goal data (PM-1): a semester of points on the measured goals of every IEP in force, none outside its version or in the future, one goal gone quiet", async () => {
    expect(
      await rows(sql`
        select p.id from goal_data_points p join plan_versions v on v.id = p.version_id
        join students s on s.id = p.student_id
        where s.district_id = ${DEMO_IDS.district}
          and (p.observed_on < v.effective_on or p.observed_on > ${today}::date
            or (v.ended_on is not null and p.observed_on > v.ended_on)
            or p.value < 0 or p.value > 100)`),
    ).toEqual([]);
    const perGoal = await rows(sql`
      select g.id, count(p.id)::int as points, max(p.observed_on)::text as last
      from plan_goals g join plan_versions v on v.id = g.version_id
      join students s on s.id = v.student_id
      left join goal_data_points p on p.goal_id = g.id
      where s.district_id = ${DEMO_IDS.district} and v.status = 'active' and v.plan_type = 'iep' and g.measure is not null
        and v.effective_on < ${today}::date - 60
      group by g.id`);
    expect(perGoal.length).toBeGreaterThanOrEqual(4);
    expect(perGoal.filter((g) => Number(g.points) === 0)).toEqual([]);
    const quiet = await rows(sql`
      select g.id from plan_goals g join plan_versions v on v.id = g.version_id
      where v.student_id = ${DEMO_IDS.student("mateo-garcia")} and v.status = 'active' and g.area = 'math'
        and exists (select 1 from goal_data_points p where p.goal_id = g.id)
        and not exists (select 1 from goal_data_points p where p.goal_id = g.id and p.observed_on > ${today}::date - 20)`);
    expect(quiet).toHaveLength(1);
  });

  it("D-13: a progress report went home with every past report card for every IEP in force, but Mateo's latest (open on his case manager's queue)", async () => {
    const overdue = await rows(sql`
      select d.student_id from deadlines d
      where d.district_id = ${DEMO_IDS.district} and d.rule_id = 'D-13' and d.completed_on is null
        and d.status <> 'met' and d.due <= ${today}::date`);
    expect(overdue.map((r) => r.student_id)).toEqual([DEMO_IDS.student("mateo-garcia")]);
    const reported = await rows(sql`
      select count(*)::int as n from deadlines d
      where d.district_id = ${DEMO_IDS.district} and d.rule_id = 'D-13' and d.status = 'met'`);
    expect(Number(reported[0]!.n)).toBeGreaterThan(0);
  });

  it("D-13: past reports of IEPs with goal data are issued in PlanPath in the family's language; Mateo's latest is still to draft and its missing data blocks issuing", async () => {
    const issued = await rows(sql`
      select r.language, s.parent_language, d.language as document_language
      from progress_reports r join students s on s.id = r.student_id join stored_documents d on d.id = r.document_id
      where r.district_id = ${DEMO_IDS.district} and r.status = 'issued'`);
    expect(issued.length).toBeGreaterThan(0);
    for (const row of issued) {
      expect(row.language).toBe(row.parent_language === "es" ? "es" : "en");
      expect(row.document_language).toBe(row.language);
    }
    const mateo = student("mateo-garcia");
    const [latest] = await rows(sql`
      select max(due)::text as due from deadlines
      where student_id = ${mateo} and rule_id = 'D-13' and due <= ${today}::date`);
    const caseManager = await viewerFor({ id: DEMO_IDS.user("caseManagerMaple") });
    const overview = await listProgressReports(caseManager, mateo);
    const period = overview.periods.find((p) => p.reportCardDate === latest!.due);
    expect(period).toMatchObject({ reports: [], canDraft: true });
    const { reportId } = await createProgressReportDraft(caseManager, {
      studentId: mateo,
      reportCardDate: String(latest!.due),
    });
    const draft = await getProgressReport(caseManager, mateo, reportId);
    expect(draft.missing.length).toBeGreaterThan(0);
  });

  it("the no-gap invariant (CL-9): no student has a school day without a plan in force and without a recorded reason", async () => {
    expect(await findPlanGaps(db(), { today, districtId: DEMO_IDS.district })).toEqual([]);
  });

  it("every plan in force that ended has its recorded plan end (issue 12), and each IEP exit its exited event", async () => {
    expect(
      await rows(sql`
        select v.id from plan_versions v join students s on s.id = v.student_id
        where s.district_id = ${DEMO_IDS.district} and v.status = 'ended' and v.activated_at is not null
          and not exists (select 1 from plan_ends e where e.version_id = v.id and e.status = 'completed')`),
    ).toEqual([]);
    expect(
      await rows(sql`
        select e.id from plan_ends e
        where e.district_id = ${DEMO_IDS.district} and e.plan_type = 'iep' and e.status = 'completed'
          and not exists (select 1 from case_events c where c.source_id = e.version_id and c.type = 'exited'
            and c.exit_reason::text = e.reason::text)`),
    ).toEqual([]);
  });
  it("a student mid-way through each exit and age-of-majority workflow (issue 12)", async () => {
    const ends = await rows(sql`
      select e.student_id, e.reason, e.status, e.ends_on::text as ends_on, e.summary_academic is not null as sop,
        e.revocation_response_id is not null as revocation
      from plan_ends e where e.district_id = ${DEMO_IDS.district} and e.status = 'scheduled'`);
    const endOf = (key: string) => ends.find((e) => e.student_id === student(key));
    expect(endOf("t-iep504")).toMatchObject({ reason: "transferred_to_504" });
    expect(String(endOf("t-iep504")!.ends_on) > today).toBe(true);
    const drafts504 = await rows(sql`
      select id from plan_versions where student_id = ${student("t-iep504")} and plan_type = '504' and status = 'draft'`);
    expect(drafts504).toHaveLength(1);
    expect(endOf("t-revoked")).toMatchObject({ reason: "consent_revoked", revocation: true });
    expect(
      await rows(sql`select id from plan_versions where student_id = ${student("t-revoked")} and plan_type = '504'`),
    ).toEqual([]);
    expect(endOf("t-diploma")).toMatchObject({ reason: "graduated", sop: true });
    const birthdays = await rows(sql`
      select id, (birth_date + interval '18 years')::date::text as eighteen from students
      where id in (${student("t-turning18")}, ${student("t-adult")})`);
    const eighteen = (key: string) => String(birthdays.find((b) => b.id === student(key))!.eighteen);
    expect(eighteen("t-turning18") > today).toBe(true);
    expect(eighteen("t-adult") <= today).toBe(true);
    const orders = await rows(sql`select student_id from court_guardianships where student_id = ${student("t-adult")}`);
    expect(orders).toHaveLength(1);
    const statements = await rows(sql`
      select v.student_id from plan_versions v
      where v.status = 'active' and v.content -> 'transition' ->> 'rightsTransfer' <> ''
        and v.student_id in (${student("t-turning18")}, ${student("t-adult")}, ${student("t-diploma")})`);
    expect(statements).toHaveLength(3);
  });
});
