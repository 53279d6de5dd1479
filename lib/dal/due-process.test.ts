import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dueProcessFilings } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { closeDueProcessFiling, getStudentDueProcess, recordDueProcessFiling } from "./due-process";

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
let admin: Viewer;
let teacher: Viewer;

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  admin = await viewerFor(world.users.admin);
  teacher = await viewerFor(world.users.teacher);
});

const fails = (c: string, key?: string) => (e: unknown) =>
  e instanceof AppError && e.code === c && (key === undefined || e.messageKey === key || e.fieldErrors !== undefined);

const filing = (overrides: Partial<Parameters<typeof recordDueProcessFiling>[1]> = {}) => ({
  studentId: world.students.onCaseload.id,
  program: "iep" as const,
  filedOn: caseManager.today,
  filedBy: "Parent",
  description: "Disagrees with the proposed change of placement.",
  ...overrides,
});

describe("due-process filings (stay-put, 300.518, CL-7)", () => {
  it("the case manager records a filing (audited); a second pending filing for the program is a CONFLICT", async () => {
    const { id } = await recordDueProcessFiling(caseManager, filing());
    const [row] = await db().select().from(dueProcessFilings).where(eq(dueProcessFilings.id, id));
    expect(row).toMatchObject({ status: "pending", program: "iep", recordedBy: caseManager.userId });
    expect(await countAudit(caseManager.userId, "dueProcess.recorded")).toBe(1);
    await expect(recordDueProcessFiling(caseManager, filing())).rejects.toSatisfy(
      fails("CONFLICT", "errors.lifecycle.filingPending"),
    );
    const view = await getStudentDueProcess(caseManager, world.students.onCaseload.id);
    expect(view!.filings.map((f) => [f.id, f.status, f.canClose])).toEqual([[id, "pending", true]]);
    expect(view!.recordablePrograms).toEqual([]);
  });

  it("a filing date in the future is refused and nothing is written", async () => {
    const before = await countAudit(admin.userId, "dueProcess.recorded");
    await expect(
      recordDueProcessFiling(
        admin,
        filing({ studentId: world.students.inSection.id, filedOn: addDays(admin.today, 1) }),
      ),
    ).rejects.toSatisfy(fails("VALIDATION"));
    expect(await countAudit(admin.userId, "dueProcess.recorded")).toBe(before);
  });

  it("teachers neither see nor record filings", async () => {
    expect(await getStudentDueProcess(teacher, world.students.inSection.id)).toBeNull();
    await expect(recordDueProcessFiling(teacher, filing({ studentId: world.students.inSection.id }))).rejects.toSatisfy(
      fails("FORBIDDEN"),
    );
  });

  it("closing by the parties' written agreement keeps the note; a closed filing cannot be closed again", async () => {
    const view = await getStudentDueProcess(caseManager, world.students.onCaseload.id);
    const filingId = view!.filings[0]!.id;
    await expect(
      closeDueProcessFiling(caseManager, {
        studentId: world.students.onCaseload.id,
        filingId,
        outcome: "agreement",
        closedOn: addDays(caseManager.today, -400),
        note: "x",
      }),
    ).rejects.toSatisfy(fails("VALIDATION"));
    await closeDueProcessFiling(caseManager, {
      studentId: world.students.onCaseload.id,
      filingId,
      outcome: "agreement",
      closedOn: caseManager.today,
      note: "The parties agreed in writing to implement the new IEP.",
    });
    const [row] = await db().select().from(dueProcessFilings).where(eq(dueProcessFilings.id, filingId));
    expect(row).toMatchObject({ status: "agreement", closedOn: caseManager.today, closedBy: caseManager.userId });
    expect(await countAudit(caseManager.userId, "dueProcess.closed")).toBe(1);
    await expect(
      closeDueProcessFiling(caseManager, {
        studentId: world.students.onCaseload.id,
        filingId,
        outcome: "resolved",
        closedOn: caseManager.today,
        note: "again",
      }),
    ).rejects.toSatisfy(fails("CONFLICT", "errors.lifecycle.filingClosed"));
  });
});
