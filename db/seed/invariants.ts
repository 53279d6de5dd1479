import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";

type Row = Record<string, unknown>;

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
async function rows(db: Executor, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? [...result] : result.rows;
}

/** One invariant of the seeded data: a query listing the rows that break it (none when it holds). */
export interface InvariantViolation {
  name: string;
  rows: Row[];
}

function invariants(districtId: string, today: string): { name: string; query: SQL }[] {
  return [
    {
      name: "D-13: every issued first version of a progress report is the source of its progress_report_sent event, on its issue date, and every workflow progress_report_sent event has its issued report",
      query: sql`
      select s.first_name, r.report_card_date from progress_reports r join students s on s.id = r.student_id
      where r.district_id = ${districtId} and r.status = 'issued' and r.version = 1
        and not exists (select 1 from case_events e where e.type = 'progress_report_sent' and e.source = 'workflow'
          and e.source_id = r.id and e.date = r.issued_on and e.voided_at is null)
      union all
      select s.first_name, e.date from case_events e join students s on s.id = e.student_id
      where e.district_id = ${districtId} and e.type = 'progress_report_sent' and e.source = 'workflow'
        and not exists (select 1 from progress_reports r where r.id = e.source_id and r.status = 'issued')`,
    },
    {
      name: "PM-3: every issued progress report codes every line, justifies it, and codes a line without data in its period Not Introduced",
      query: sql`
      select s.first_name, r.report_card_date, i.position from progress_report_items i
      join progress_reports r on r.id = i.report_id join students s on s.id = r.student_id
      where r.district_id = ${districtId} and r.status = 'issued'
        and (i.code is null or btrim(i.justification) = ''
          or ((i.suggestion -> 'summary' ->> 'points')::int = 0 and i.code <> 'not_introduced'))`,
    },
    {
      name: "every IEP version that was put in force has its iep_implemented event, written by the workflow on its effective date",
      query: sql`
      select s.first_name, v.number from plan_versions v join students s on s.id = v.student_id
      where s.district_id = ${districtId} and v.plan_type = 'iep' and v.effective_on is not null
        and v.status in ('active', 'superseded', 'ended')
        and not exists (select 1 from case_events e where e.student_id = v.student_id and e.type = 'iep_implemented'
          and e.voided_at is null and e.date = v.effective_on and e.source = 'workflow' and e.source_id = v.id)`,
    },
    {
      name: "every 504 version that was put in force has its plan504_activated event (and an ended 504 its plan504_ended) (1)",
      query: sql`
      select s.first_name, v.number from plan_versions v join students s on s.id = v.student_id
      where s.district_id = ${districtId} and v.plan_type = '504' and v.effective_on is not null
        and v.status in ('active', 'superseded', 'ended')
        and not exists (select 1 from case_events e where e.student_id = v.student_id and e.type = 'plan504_activated'
          and e.voided_at is null and e.date = v.effective_on and e.source = 'workflow' and e.source_id = v.id)`,
    },
    {
      name: "every 504 version that was put in force has its plan504_activated event (and an ended 504 its plan504_ended) (2)",
      query: sql`
      select s.first_name, v.number from plan_versions v join students s on s.id = v.student_id
      where s.district_id = ${districtId} and v.plan_type = '504' and v.status = 'ended' and v.effective_on is not null
        and not exists (select 1 from case_events e where e.student_id = v.student_id and e.type = 'plan504_ended'
          and e.voided_at is null and e.source = 'workflow' and e.source_id = v.id)`,
    },
    {
      name: "a hand-recorded implementation is history from before PlanPath: it predates the student's first version",
      query: sql`
      select s.first_name, e.type, e.date from case_events e join students s on s.id = e.student_id
      where e.district_id = ${districtId} and e.voided_at is null
        and e.type in ('iep_implemented', 'plan504_activated', 'plan504_ended') and e.source <> 'workflow'
        and exists (select 1 from plan_versions v where v.student_id = e.student_id
          and v.effective_on is not null and v.effective_on <= e.date)`,
    },
    {
      name: "C-02: every first IEP (no IEP before it, in PlanPath or before) that was put in force has a granted, unrevoked initial-services consent for that version",
      query: sql`
      select s.first_name, v.number from plan_versions v join students s on s.id = v.student_id
      where s.district_id = ${districtId} and v.plan_type = 'iep' and v.status in ('active', 'superseded', 'ended')
        and v.effective_on is not null
        and not exists (select 1 from plan_versions earlier where earlier.student_id = v.student_id
          and earlier.plan_type = 'iep' and earlier.effective_on < v.effective_on)
        and not exists (select 1 from case_events history where history.student_id = v.student_id
          and history.type = 'iep_implemented' and history.voided_at is null and history.date < v.effective_on)
        and not exists (
          select 1 from consent_requests r
          where r.plan_version_id = v.id and r.type = 'initial_services' and r.superseded_by_id is null
            and (select decision from consent_responses x where x.request_id = r.id
                 order by x.responded_at desc limit 1) = 'granted')`,
    },
    {
      name: "no open 504 review for a student without an active 504 plan",
      query: sql`
      select s.first_name, d.rule_id from deadlines d join students s on s.id = d.student_id
      where d.district_id = ${districtId} and d.rule_id = '504-R' and d.status = 'open'
        and not exists (select 1 from plan_versions v where v.student_id = d.student_id
          and v.plan_type = '504' and v.status = 'active')`,
    },
    {
      name: "no student has both an active IEP and an open initial evaluation (D-01)",
      query: sql`
      select s.first_name from deadlines d join students s on s.id = d.student_id
      where d.district_id = ${districtId} and d.rule_id = 'D-01' and d.status in ('open', 'paused')
        and exists (select 1 from plan_versions v where v.student_id = d.student_id
          and v.plan_type = 'iep' and v.status = 'active')`,
    },
    {
      name: "D-08: an open annual review is due when the active IEP says, and only follows an IEP in force or one developed this year (1)",
      query: sql`
      select s.first_name, d.due, v.review_due from deadlines d
      join students s on s.id = d.student_id
      join plan_versions v on v.student_id = d.student_id and v.plan_type = 'iep' and v.status = 'active'
      where d.district_id = ${districtId} and d.rule_id = 'D-08' and d.status = 'open' and d.due <> v.review_due`,
    },
    {
      name: "D-08: an open annual review is due when the active IEP says, and only follows an IEP in force or one developed this year (2)",
      query: sql`
      select s.first_name from deadlines d join students s on s.id = d.student_id
      where d.district_id = ${districtId} and d.rule_id = 'D-08' and d.status = 'open'
        and not exists (select 1 from plan_versions v where v.student_id = d.student_id
          and v.plan_type = 'iep' and v.status = 'active')
        and not exists (select 1 from meetings m where m.student_id = d.student_id and m.status = 'held'
          and m.purposes && array['initial_iep']::meeting_purpose[] and m.held_on > ${today}::date - 365)`,
    },
    {
      name: "no IEP case events for a student who never had an IEP, a referral or an evaluation",
      query: sql`
      select distinct s.first_name, e.type from case_events e join students s on s.id = e.student_id
      where e.district_id = ${districtId} and e.voided_at is null
        and e.type in ('ppt_meeting_held', 'iep_implemented', 'eligibility_determined')
        and not exists (select 1 from plans p where p.student_id = e.student_id and p.type = 'iep')
        and not exists (select 1 from case_events r where r.student_id = e.student_id
          and r.type = 'referral_received' and r.voided_at is null)`,
    },
  ];
}

/**
 * Issue 11 ("one source of truth"): every student's plans, meetings, notices, consents and deadlines
 * tell one consistent story. Runs each invariant of one district (the demo's, or a generated one:
 * db/bench) and returns every invariant with the rows that break it (at most `limit` each); all are
 * empty when the data is consistent. `today` is the district's day the data was seeded for.
 */
export async function invariantViolations(
  db: Executor,
  districtId: string,
  today: string,
  options: { only?: string; limit?: number } = {},
): Promise<InvariantViolation[]> {
  const limit = options.limit ?? 20;
  const result: InvariantViolation[] = [];
  for (const { name, query } of invariants(districtId, today).filter((i) => !options.only || i.name === options.only))
    result.push({ name, rows: await rows(db, sql`select * from (${query}) broken limit ${limit}`) });
  return result;
}

/** The names of the invariants {@link invariantViolations} checks. */
export function invariantNames(): string[] {
  return invariants("", "").map((i) => i.name);
}
