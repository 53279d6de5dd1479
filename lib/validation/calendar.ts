import { z } from "zod";
import { uuidSchema } from "./ids";
import { isoDateField } from "./deadlines";
import { text } from "./text";

/** The longest school year accepted (a school year runs at most July 1 to June 30, CGS 10-259). */
export const MAX_SCHOOL_YEAR_DAYS = 366;

const schoolYearFields = {
  schoolId: uuidSchema,
  label: text({ message: "validation.calendar.label" })
    .trim()
    .min(1, { message: "validation.calendar.label" })
    .max(40, { message: "validation.calendar.label" }),
  firstDay: isoDateField("validation.calendar.date"),
  lastDay: isoDateField("validation.calendar.date"),
};

function yearInOrder(input: { firstDay: string; lastDay: string }, context: z.RefinementCtx) {
  if (input.firstDay > input.lastDay) {
    context.addIssue({ code: "custom", path: ["lastDay"], message: "validation.calendar.lastBeforeFirst" });
  }
}

export const schoolYearSchema = z.object(schoolYearFields).superRefine(yearInOrder);

export const updateSchoolYearSchema = z.object({ ...schoolYearFields, yearId: uuidSchema }).superRefine(yearInOrder);

export const removeSchoolYearSchema = z.object({ schoolId: uuidSchema, yearId: uuidSchema });

export const calendarDaySchema = z.object({
  schoolId: uuidSchema,
  date: isoDateField("validation.calendar.date"),
  kind: z.enum(["closure", "extra_day"], { message: "validation.calendar.kind" }),
  reason: z.preprocess(
    (value) => (typeof value === "string" ? value : ""),
    text().trim().max(120, { message: "validation.calendar.reasonTooLong" }),
  ),
});

export const removeCalendarDaySchema = z.object({ schoolId: uuidSchema, dayId: uuidSchema });

/** A report-card date of a school year (a progress-reporting period ends on it, D-13). */
export const reportCardDateSchema = z.object({
  schoolId: uuidSchema,
  date: isoDateField("validation.calendar.date"),
  label: z.preprocess(
    (value) => (typeof value === "string" ? value : ""),
    text().trim().max(120, { message: "validation.calendar.reasonTooLong" }),
  ),
});

export const removeReportCardDateSchema = z.object({ schoolId: uuidSchema, reportCardId: uuidSchema });

/** The largest calendar file accepted (an iCal file of a few school years is far smaller). */
export const MAX_CALENDAR_FILE_CHARS = 500_000;

export const importCalendarSchema = z.object({
  schoolId: uuidSchema,
  fileName: text({ message: "validation.calendar.file" })
    .trim()
    .min(1, { message: "validation.calendar.file" })
    .max(255, { message: "validation.calendar.file" }),
  content: text({ message: "validation.calendar.file" }).max(MAX_CALENDAR_FILE_CHARS, {
    message: "validation.calendar.fileTooLarge",
  }),
});
