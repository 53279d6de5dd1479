import { inspect } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DatabaseQueryError, statementName } from "@/db/query-errors";
import { caseEvents, planVersions } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { recordCaseEvent } from "@/lib/dal/case-events";
import { createPlan, saveDraft } from "@/lib/dal/plans";
import type { Viewer } from "@/lib/dal/viewer";
import { recordCaseEventSchema } from "@/lib/validation/deadlines";
import { saveDraftSchema } from "@/lib/validation/plans";
import { buildAction } from "./build-action";

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
const SECRET = "Casey's seizure plan, private";

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
});

afterEach(() => vi.restoreAllMocks());

function captureLog() {
  const lines: string[] = [];
  const record = (...args: unknown[]) =>
    void lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" "));
  vi.spyOn(console, "error").mockImplementation(record);
  vi.spyOn(console, "warn").mockImplementation(record);
  vi.spyOn(console, "log").mockImplementation(record);
  return lines;
}

describe("control characters in free text are refused with a field message, nothing written, nothing logged", () => {
  it("a NUL in a case-event note", async () => {
    const log = captureLog();
    const action = buildAction(
      async () => caseManager,
      recordCaseEventSchema,
      (viewer, input) => recordCaseEvent(viewer!, input),
    );
    const result = await action({
      studentId: world.students.onCaseload.id,
      type: "referral_received",
      date: caseManager.today,
      note: `${SECRET}\u0000`,
    });
    expect(result).toEqual({ ok: false, code: "VALIDATION", fieldErrors: { note: ["validation.controlCharacter"] } });
    expect(await db().select().from(caseEvents).where(eq(caseEvents.studentId, world.students.onCaseload.id))).toEqual(
      [],
    );
    expect(await countAudit(caseManager.userId, "caseEvent.recorded")).toBe(0);
    expect(log.join("\n")).not.toContain("seizure");
  });

  it("a NUL or an escape character in a plan text field; tabs and line breaks stay allowed", async () => {
    const log = captureLog();
    const { versionId } = await createPlan(caseManager, { studentId: world.students.onCaseload.id, type: "iep" });
    const action = buildAction(
      async () => caseManager,
      saveDraftSchema,
      (viewer, input) => saveDraft(viewer!, input),
    );
    const nul = await action({
      versionId,
      lockVersion: 1,
      content: completeIepContent({ presentLevels: `${SECRET}\u0000` }),
    });
    expect(nul).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { "content.presentLevels": ["validation.controlCharacter"] },
    });
    const escape = await action({
      versionId,
      lockVersion: 1,
      content: completeIepContent({ parentConcerns: "\u001b[2J" }),
    });
    expect(escape).toMatchObject({ fieldErrors: { "content.parentConcerns": ["validation.controlCharacter"] } });
    const [version] = await db().select().from(planVersions).where(eq(planVersions.id, versionId));
    expect(version!.lockVersion).toBe(1);
    expect(JSON.stringify(version!.content)).not.toContain("seizure");
    expect(await countAudit(caseManager.userId, "plan.draft_saved")).toBe(0);

    const fine = await action({
      versionId,
      lockVersion: 1,
      content: completeIepContent({ presentLevels: "Line one\n\tLine two\r\nLine three" }),
    });
    expect(fine).toMatchObject({ ok: true });
    expect(log.join("\n")).not.toContain("seizure");
  });
});

describe("unexpected database errors never carry query parameters", () => {
  it("a failed query throws an error with only the SQLSTATE and a statement name", async () => {
    const failure = await db()
      .execute(sql`select ${SECRET}::uuid as id`)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(DatabaseQueryError);
    expect((failure as DatabaseQueryError).code).toBe("22P02");
    expect((failure as DatabaseQueryError).message).toBe("database error 22P02 in select");
    expect(inspect(failure, { depth: 10, showHidden: true })).not.toContain("seizure");
  });

  it("an action that reaches the database with a NUL answers INTERNAL or VALIDATION and logs no parameter", async () => {
    const log = captureLog();
    // A schema without the shared text helper, to prove the database layer itself never leaks.
    const careless = buildAction(
      async () => caseManager,
      z.object({ note: z.string() }),
      async (_viewer, input) => {
        await db().insert(caseEvents).values({
          districtId: world.district.id,
          studentId: world.students.onCaseload.id,
          type: "referral_received",
          date: caseManager.today,
          recordedBy: caseManager.userId,
          note: input.note,
        });
      },
    );
    const result = await careless({ note: `${SECRET}\u0000` });
    expect(result.ok).toBe(false);
    expect(["VALIDATION", "INTERNAL"]).toContain(result.ok ? "" : result.code);
    const bad = buildAction(
      async () => caseManager,
      z.object({ id: z.string() }),
      async (_viewer, input) => {
        await db().execute(sql`select * from students where id = ${input.id}::uuid and last_name = ${SECRET}`);
      },
    );
    expect(await bad({ id: "not-a-uuid-seizure" })).toMatchObject({ ok: false, code: "VALIDATION" });
    const crash = buildAction(
      async () => caseManager,
      z.object({}),
      async () => {
        await db().execute(sql`select * from no_such_table where note = ${SECRET}`);
      },
    );
    expect(await crash({})).toMatchObject({ ok: false, code: "INTERNAL" });
    const text = log.join("\n");
    expect(text).toContain("database error 42P01 in select no_such_table");
    expect(text).not.toContain("seizure");
    expect(text).not.toContain("params");
  });

  it("names statements without their values", () => {
    expect(statementName('insert into "case_events" ("id", "note") values ($1, $2)')).toBe("insert case_events");
    expect(statementName('update "plan_versions" set "content" = $1 where "id" = $2')).toBe("update plan_versions");
    expect(statementName('select "id" from "students" where "id" = $1')).toBe("select students");
    expect(statementName("-- nothing")).toBe("query");
  });
});
