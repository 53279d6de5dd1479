import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { dueProcessFilings } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import { can, type PlanType } from "@/lib/policy";
import type { CloseDueProcessInput, RecordDueProcessInput } from "@/lib/validation/due-process";
import { isUuid } from "@/lib/validation/ids";
import { loaderFor, mutate, read, type Loader } from "./core";
import { studentFilingsOf } from "./internal/filings";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import type { StudentDueProcess } from "@/lib/dto/due-process";

const PROGRAMS: PlanType[] = ["iep", "504"];

/** A loader whose target is decided for one program (the plan type the policy checks). */
function forProgram<E>(load: Loader<E>, planType: PlanType): Loader<E> {
  const decided: Loader<E> = async (db, viewer) => {
    const target = await load(db, viewer);
    return target && { ...target, planType };
  };
  return Object.assign(decided, { requested: load.requested });
}

type FilingEntity = { id: string; studentId: string; status: string; filedOn: string };

function filingTarget(studentId: string, filingId: string): Loader<FilingEntity> {
  return loaderFor("dueProcessFiling", filingId, async (db, viewer) => {
    if (!isUuid(filingId)) return null;
    const student = await studentTarget(studentId)(db, viewer);
    if (!student) return null;
    const [row] = await db
      .select({
        id: dueProcessFilings.id,
        program: dueProcessFilings.program,
        status: dueProcessFilings.status,
        filedOn: dueProcessFilings.filedOn,
      })
      .from(dueProcessFilings)
      .where(and(eq(dueProcessFilings.id, filingId), eq(dueProcessFilings.studentId, student.entity.id)))
      .for("update")
      .limit(1);
    if (!row) return null;
    return {
      entity: { id: row.id, studentId: student.entity.id, status: row.status, filedOn: row.filedOn },
      entityType: "dueProcessFiling",
      entityId: row.id,
      studentId: student.entity.id,
      relationships: student.relationships,
      planType: row.program,
    };
  });
}

/**
 * The stay-put section of a student page (`dueProcess.read`: district admin, principal, case
 * manager; the 504 coordinator for 504 filings): the student's due-process filings with what the
 * viewer may record or close (`dueProcess.record`: district admin and the plan lead of the program).
 * Returns null for viewers without that right. Throws NOT_FOUND outside the student scope.
 */
export async function getStudentDueProcess(viewer: Viewer, studentId: string): Promise<StudentDueProcess | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const subject = { role: viewer.role };
  const allowed = (action: "dueProcess.read" | "dueProcess.record") =>
    PROGRAMS.filter((planType) => can(subject, action, { relationships: target.relationships, planType }));
  const readable = allowed("dueProcess.read");
  if (readable.length === 0) return null;
  const recordable = allowed("dueProcess.record");
  const rows = await studentFilingsOf(getDb(), target.entity.id);
  const filings = rows
    .filter(({ filing }) => readable.includes(filing.program))
    .map(({ filing, recordedByName }) => ({
      id: filing.id,
      program: filing.program,
      filedOn: filing.filedOn,
      filedBy: filing.filedBy,
      description: filing.description,
      status: filing.status,
      closedOn: filing.closedOn,
      closingNote: filing.closingNote,
      recordedByName,
      canClose: filing.status === "pending" && recordable.includes(filing.program),
    }));
  const pending = new Set(filings.filter((f) => f.status === "pending").map((f) => f.program));
  return {
    studentId: target.entity.id,
    today: viewer.today,
    filings,
    recordablePrograms: recordable.filter((p) => !pending.has(p)),
  };
}

/**
 * `dueProcess.record` (district admin; the plan lead of the program): records a due-process filing
 * for a student. While it is pending, no new plan version of that program may take effect and no
 * plan may end (stay-put, 300.518; enforced by the lifecycle trigger). The filing date cannot be in
 * the future; a second pending filing for the same program is a CONFLICT.
 */
export async function recordDueProcessFiling(viewer: Viewer, input: RecordDueProcessInput): Promise<{ id: string }> {
  return mutate(
    viewer,
    {
      action: "dueProcess.record",
      event: "dueProcess.recorded",
      load: forProgram(studentTarget(input.studentId), input.program),
    },
    async ({ tx, target, details }) => {
      if (input.filedOn > viewer.today) throw fieldError("filedOn", "validation.dueProcess.filedInFuture");
      if (input.filedOn < target.entity.birthDate) throw fieldError("filedOn", "validation.dueProcess.filedOn");
      const [pending] = await tx
        .select({ id: dueProcessFilings.id })
        .from(dueProcessFilings)
        .where(
          and(
            eq(dueProcessFilings.studentId, target.entity.id),
            eq(dueProcessFilings.program, input.program),
            eq(dueProcessFilings.status, "pending"),
          ),
        )
        .for("update");
      if (pending) throw new AppError("CONFLICT", "errors.lifecycle.filingPending");
      const [row] = await tx
        .insert(dueProcessFilings)
        .values({
          districtId: viewer.districtId,
          studentId: target.entity.id,
          program: input.program,
          filedOn: input.filedOn,
          filedBy: input.filedBy,
          description: input.description,
          recordedBy: viewer.userId,
        })
        .returning({ id: dueProcessFilings.id });
      details.filingId = row!.id;
      details.program = input.program;
      return { id: row!.id };
    },
  );
}

/**
 * `dueProcess.record`: closes a pending filing — resolved, or the parties agreed in writing
 * (300.518(a)) — with a note and the closing date (on or after the filing, not in the future).
 * Stay-put ends with it. A filing already closed is a CONFLICT.
 */
export async function closeDueProcessFiling(viewer: Viewer, input: CloseDueProcessInput): Promise<void> {
  await mutate(
    viewer,
    { action: "dueProcess.record", event: "dueProcess.closed", load: filingTarget(input.studentId, input.filingId) },
    async ({ tx, target, details }) => {
      if (target.entity.status !== "pending") throw new AppError("CONFLICT", "errors.lifecycle.filingClosed");
      if (input.closedOn > viewer.today) throw fieldError("closedOn", "validation.dueProcess.closedInFuture");
      if (input.closedOn < target.entity.filedOn)
        throw fieldError("closedOn", "validation.dueProcess.closedBeforeFiled");
      await tx
        .update(dueProcessFilings)
        .set({
          status: input.outcome,
          closedOn: input.closedOn,
          closingNote: input.note,
          closedBy: viewer.userId,
        })
        .where(eq(dueProcessFilings.id, target.entity.id));
      details.filingId = target.entity.id;
      details.outcome = input.outcome;
    },
  );
}
