import { readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";

/**
 * The two teacher actions of issue 15's benchmark — acknowledging a plan version and logging one
 * implementation entry — called over HTTP the way the browser calls a server action: a `POST` to the
 * page that renders the form (`/accommodations`) with the action's id in the `Next-Action` header and
 * the arguments as the JSON array React's `encodeReply` sends for plain objects. The ids come from the
 * production build's manifest (`.next/server/server-reference-manifest.json`), found by export name and
 * source file, so a rebuild never leaves the benchmark calling a stale id.
 *
 * Every request has a fresh target, so it really writes: an active plan version the teacher teaches and
 * has not acknowledged yet (acknowledgments are one per person and version, append-only), or an
 * accommodation, section and school day with no entry yet. Targets are read from the database before the
 * run; each is used once.
 */

export const ACTIONS_PAGE = "/accommodations";
const ACTIONS_FILE = "app/(portal)/accommodations/actions.ts";

export type ActionName = "acknowledgeAction" | "logImplementationAction";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers?: Record<string, { filename?: string; exportedName?: string }>;
}

/** The build's ids of the acknowledge and log actions (throws when the build does not have them). */
export function actionIds(buildDir = ".next"): Record<ActionName, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(buildDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, ManifestEntry>;
  };
  const find = (name: ActionName) => {
    const ids = Object.entries(manifest.node)
      .filter(([, entry]) =>
        [entry, ...Object.values(entry.workers ?? {})].some(
          (e) => e.exportedName === name && (e.filename ?? "").replaceAll("\\", "/").endsWith(ACTIONS_FILE),
        ),
      )
      .map(([id]) => id);
    if (ids.length !== 1) throw new Error(`${ids.length} ids for ${name} of ${ACTIONS_FILE} in the build's manifest`);
    return ids[0]!;
  };
  return { acknowledgeAction: find("acknowledgeAction"), logImplementationAction: find("logImplementationAction") };
}

/** The request a browser sends for a server action (method, path, headers, body). */
export function actionRequest(actionId: string, cookie: string, input: Record<string, string>, origin: string) {
  return {
    method: "POST" as const,
    path: ACTIONS_PAGE,
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": actionId,
      origin,
      cookie,
    },
    body: JSON.stringify([input]),
  };
}

/**
 * The action's result read from the RSC response: `ok` when the server action returned
 * `{ ok: true, … }`; otherwise the error code and message key it returned (or why none was found).
 */
export function actionOutcome(status: number, body: string): { ok: true } | { ok: false; why: string } {
  if (status !== 200) return { ok: false, why: `HTTP ${status}` };
  for (const line of body.split("\n")) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!json || !json.includes('"ok":')) continue;
    try {
      const value = JSON.parse(json) as { ok?: boolean; code?: string; formError?: string; fieldErrors?: unknown };
      if (value.ok === true) return { ok: true };
      if (value.ok === false)
        return { ok: false, why: [value.code, value.formError, JSON.stringify(value.fieldErrors ?? {})].join(" ") };
    } catch {
      // not this line
    }
  }
  return { ok: false, why: "no action result in the response" };
}

export interface AcknowledgeTarget {
  email: string;
  versionId: string;
}

export interface LogTarget {
  email: string;
  accommodationId: string;
  sectionId: string;
  date: string;
}

/**
 * Active plan versions a teacher teaches today and has not acknowledged — what the
 * acknowledge action accepts (a section in force with the student enrolled in it: `teacherOf`).
 */
export async function freshAcknowledgments(sql: postgres.Sql, today: string): Promise<AcknowledgeTarget[]> {
  const rows = await sql`select distinct u.email, v.id as version_id
    from users u
    join section_teachers t on t.user_id = u.id and t.starts_on <= ${today} and (t.ends_on is null or t.ends_on >= ${today})
    join section_enrollments e on e.section_id = t.section_id and e.starts_on <= ${today} and (e.ends_on is null or e.ends_on >= ${today})
    join plan_versions v on v.student_id = e.student_id and v.status = 'active'
    where u.role = 'teacher'
      and not exists (select 1 from acknowledgments a where a.version_id = v.id and a.user_id = u.id)
    order by u.email, v.id`;
  return rows.map((r) => ({ email: r.email as string, versionId: r.version_id as string }));
}

/**
 * Entries each teacher may log and has not: a classroom accommodation of a version in force that the
 * teacher acknowledged, in a section the teacher taught with the student enrolled, on a school day of
 * the last `days` days up to today (a weekday of the student's school year that is not a closure, or a
 * make-up day), within the version's dates, with no entry yet for that accommodation, section and day.
 */
export async function freshLogs(
  sql: postgres.Sql,
  emails: readonly string[],
  today: string,
  days = 28,
): Promise<LogTarget[]> {
  const rows = await sql`select u.email, a.id as accommodation_id, t.section_id, to_char(d.day, 'YYYY-MM-DD') as date
    from users u
    join section_teachers t on t.user_id = u.id
    join section_enrollments e on e.section_id = t.section_id
    join plan_versions v on v.student_id = e.student_id and v.status = 'active'
    join acknowledgments k on k.version_id = v.id and k.user_id = u.id
    join plan_accommodations a on a.version_id = v.id and a.classroom
    join students s on s.id = v.student_id
    join school_years y on y.school_id = s.school_id
    cross join lateral generate_series(${today}::date - ${days - 1}::int, ${today}::date, interval '1 day') as d(day)
    left join calendar_days c on c.school_year_id = y.id and c.date = d.day::date
    where u.email in ${sql(emails as string[])}
      and d.day::date between greatest(t.starts_on, e.starts_on, v.effective_on, y.first_day)
        and least(coalesce(t.ends_on, ${today}::date), coalesce(e.ends_on, ${today}::date), coalesce(v.ended_on, ${today}::date), y.last_day)
      and (c.kind = 'extra_day' or (c.kind is null and extract(isodow from d.day) < 6))
      and not exists (select 1 from implementation_logs l
        where l.accommodation_id = a.id and l.section_id = t.section_id and l.log_date = d.day::date)
    order by u.email, d.day desc, a.id, t.section_id`;
  return rows.map((r) => ({
    email: r.email as string,
    accommodationId: r.accommodation_id as string,
    sectionId: r.section_id as string,
    date: r.date as string,
  }));
}

/** Rows the actions wrote for these teachers since `since` (checked in the database after the run). */
export async function writtenSince(sql: postgres.Sql, emails: readonly string[], since: Date) {
  const [row] = await sql`select
      (select count(*)::int from acknowledgments a join users u on u.id = a.user_id
        where u.email in ${sql(emails as string[])} and a.acknowledged_at >= ${since}) as acknowledgments,
      (select count(*)::int from implementation_logs l join users u on u.id = l.logged_by
        where u.email in ${sql(emails as string[])} and l.created_at >= ${since}) as logs`;
  return { acknowledgments: row!.acknowledgments as number, logs: row!.logs as number };
}

/** Interleaves the targets of several teachers so consecutive requests come from different people. */
export function interleave<T extends { email: string }>(targets: readonly T[]): T[] {
  const byEmail = new Map<string, T[]>();
  for (const t of targets) byEmail.set(t.email, [...(byEmail.get(t.email) ?? []), t]);
  const queues = [...byEmail.values()];
  const out: T[] = [];
  for (let i = 0; out.length < targets.length; i++) for (const q of queues) if (i < q.length) out.push(q[i]!);
  return out;
}
