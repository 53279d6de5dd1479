import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { todayIn } from "@/lib/time";
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
});
