import { z } from "zod";
import { isoDateField } from "./dates";
import { uuidSchema } from "./ids";
import { text } from "./text";

const program = z.enum(["iep", "504"], { message: "validation.dueProcess.program" });

const required = (message: string, max: number) =>
  text({ message }).trim().min(1, { message }).max(max, { message: "validation.dueProcess.tooLong" });

/** Recording a due-process filing on a student (stay-put, 300.518; CL-7). */
export const recordDueProcessSchema = z.object({
  studentId: uuidSchema,
  program,
  filedOn: isoDateField("validation.dueProcess.filedOn"),
  filedBy: required("validation.dueProcess.filedBy", 200),
  description: required("validation.dueProcess.description", 2000),
});
export type RecordDueProcessInput = z.output<typeof recordDueProcessSchema>;

/** Closing a pending filing: resolved, or the parties' written agreement (with its note). */
export const closeDueProcessSchema = z.object({
  studentId: uuidSchema,
  filingId: uuidSchema,
  outcome: z.enum(["resolved", "agreement"], { message: "validation.dueProcess.outcome" }),
  closedOn: isoDateField("validation.dueProcess.closedOn"),
  note: required("validation.dueProcess.note", 2000),
});
export type CloseDueProcessInput = z.output<typeof closeDueProcessSchema>;
