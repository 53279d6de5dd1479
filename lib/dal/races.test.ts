import { getDb } from "@/db/client";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseEvents, planAccommodations, planVersions } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { caseloadStudent } from "@/db/testing/plan-builders";
import { hasCode } from "@/db/testing/errors";
import { schoolDaysFrom } from "@/db/testing/deadlines";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import type { Viewer } from "@/lib/dal/viewer";
import { contentHash } from "@/lib/plans/hash";
import type { IepContent } from "@/lib/validation/plans";
import { recordCaseEventSchema } from "@/lib/validation/deadlines";
import { recordCaseEvent } from "./case-events";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";

const db = setupTestDatabase();
/** On PGlite every statement runs on one connection, so "parallel" requests run one after another. */
const onPostgres = Boolean(process.env.DATABASE_URL);
let world: World;
let caseManager: Viewer;

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
});

const freshStudent = () => caseloadStudent(world, { firstName: "Race", lastName: "Race" });

async function auditRows(action: string, versionId: string) {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), sql`${auditEvents.details}->>'versionId' = ${versionId}`));
  return row!.n;
}

async function settle<T>(requests: Promise<T>[]) {
  const results = await Promise.allSettled(requests);
  return {
    ok: results.filter((r) => r.status === "fulfilled").length,
    conflicts: results.filter((r) => r.status === "rejected" && hasCode("CONFLICT")(r.reason)).length,
    other: results.filter((r) => r.status === "rejected" && !hasCode("CONFLICT")(r.reason)).map((r) => r),
  };
}

describe("double submits of a form are applied once", () => {
  it("10 parallel identical case events with one submission key: one row, one audit row, one answer", async () => {
    const student = await freshStudent();
    const date = await schoolDaysFrom(world.schoolA.id, caseManager.today, 3);
    const input = recordCaseEventSchema.parse({
      studentId: student.id,
      type: "referral_received",
      date,
      submissionKey: randomUUID(),
    });
    const before = await countAudit(caseManager.userId, "caseEvent.recorded");
    const results = await Promise.all(Array.from({ length: 10 }, () => recordCaseEvent(caseManager, input)));
    const rows = await db().select().from(caseEvents).where(eq(caseEvents.studentId, student.id));
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.eventId))).toEqual(new Set([rows[0]!.id]));
    expect(await countAudit(caseManager.userId, "caseEvent.recorded")).toBe(before + 1);
  });

  it("10 parallel identical case events without a key: one row, the others are a CONFLICT", async () => {
    const student = await freshStudent();
    const date = await schoolDaysFrom(world.schoolA.id, caseManager.today, 3);
    const input = recordCaseEventSchema.parse({ studentId: student.id, type: "referral_received", date });
    const outcome = await settle(Array.from({ length: 10 }, () => recordCaseEvent(caseManager, input)));
    expect(outcome).toMatchObject({ ok: 1, conflicts: 9, other: [] });
    expect(await db().select().from(caseEvents).where(eq(caseEvents.studentId, student.id))).toHaveLength(1);
  });

  it("a submission key belongs to one user and one kind of change", async () => {
    const student = await freshStudent();
    const date = await schoolDaysFrom(world.schoolA.id, caseManager.today, 3);
    const submissionKey = randomUUID();
    await recordCaseEvent(
      caseManager,
      recordCaseEventSchema.parse({ studentId: student.id, type: "referral_received", date, submissionKey }),
    );
    const principal = await viewerFor(world.users.principalA);
    const theirs = await recordCaseEvent(
      principal,
      recordCaseEventSchema.parse({ studentId: student.id, type: "records_request_received", date, submissionKey }),
    );
    const rows = await db().select().from(caseEvents).where(eq(caseEvents.studentId, student.id));
    expect(rows.map((r) => r.id)).toContain(theirs.eventId);
    expect(rows).toHaveLength(2);
    const createdWithSameKey = createPlan(caseManager, { studentId: student.id, type: "iep", submissionKey });
    await expect(createdWithSameKey).rejects.toSatisfy(hasCode("CONFLICT"));
  });
});

describe.skipIf(!onPostgres)("lifecycle races on one plan version (PostgreSQL)", () => {
  async function finalIep() {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    await saveDraft(caseManager, { versionId, lockVersion: 1, content: completeIepContent() });
    await legalRecordFor(getDb(), versionId, caseManager.userId);
    return { student, versionId };
  }

  it("20 parallel activations: exactly one succeeds and writes one audit row", async () => {
    const { versionId } = await finalIep();
    await finalizeVersion(caseManager, { versionId });
    const outcome = await settle(
      Array.from({ length: 20 }, () => activateVersion(caseManager, { versionId, effectiveOn: "2026-10-20" })),
    );
    expect(outcome).toMatchObject({ ok: 1, conflicts: 19, other: [] });
    expect(await auditRows("plan.activated", versionId)).toBe(1);
    const [row] = await db().select().from(planVersions).where(eq(planVersions.id, versionId));
    expect(row!.status).toBe("active");
  });

  it("20 parallel finalizations: exactly one succeeds, one audit row, accommodations materialized once", async () => {
    const { versionId } = await finalIep();
    const outcome = await settle(Array.from({ length: 20 }, () => finalizeVersion(caseManager, { versionId })));
    expect(outcome).toMatchObject({ ok: 1, conflicts: 19, other: [] });
    expect(await auditRows("plan.finalized", versionId)).toBe(1);
    const rows = await db().select().from(planAccommodations).where(eq(planAccommodations.versionId, versionId));
    expect(rows).toHaveLength(2);
  });

  it.each([0, 1, 2, 3, 4])(
    "autosaves racing a finalize (round %i): the final hash, stored text and teacher-facing accommodations agree",
    async () => {
      const { versionId } = await finalIep();
      const edited = (i: number): IepContent => {
        const content = completeIepContent();
        return {
          ...content,
          accommodations: content.accommodations.map((a, position) => ({
            ...a,
            text: `${a.text} (edit ${i}.${position})`,
          })),
        };
      };
      const requests: Promise<unknown>[] = [];
      for (let i = 0; i < 20; i++) {
        requests.push(
          i === 0
            ? finalizeVersion(caseManager, { versionId })
            : saveDraft(caseManager, { versionId, lockVersion: 2, content: edited(i) }),
        );
      }
      const outcome = await settle(requests);
      expect(outcome.other).toEqual([]);
      expect(outcome.ok).toBeLessThanOrEqual(2);
      expect(await auditRows("plan.finalized", versionId)).toBe(1);
      expect(await auditRows("plan.draft_saved", versionId)).toBe(outcome.ok);
      const [row] = await db().select().from(planVersions).where(eq(planVersions.id, versionId));
      expect(row!.status).toBe("final");
      expect(row!.contentHash).toBe(contentHash(row!.content));
      const materialized = await db()
        .select({ text: planAccommodations.text })
        .from(planAccommodations)
        .where(eq(planAccommodations.versionId, versionId))
        .orderBy(asc(planAccommodations.position));
      expect(materialized.map((m) => m.text)).toEqual((row!.content as IepContent).accommodations.map((a) => a.text));
    },
  );
});
