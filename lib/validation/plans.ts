import { z } from "zod";
import { isoDateField } from "./dates";
import { measureDraftSchema } from "./goal-measure";
import { submissionKeySchema, uuidSchema } from "./ids";
import { text } from "./text";

/**
 * Plan version content, as stored in a draft and autosaved. Drafts may be incomplete: every field
 * is present but may be empty; numbers are kept as the digits typed. Completeness is checked
 * separately when a version is finalized (plan-completeness.ts).
 */

const shortText = text().max(500, { message: "validation.tooLong" });
const longText = text().max(20_000, { message: "validation.tooLong" });
const optionalDate = z.union([z.literal(""), isoDateField("validation.date")]);
const digits = text().regex(/^\d{0,5}$/, { message: "validation.wholeNumber" });
const optionalUser = z.union([z.literal(""), uuidSchema]);

export const SERVICE_CATEGORIES = ["special_education", "related", "supplementary"] as const;
export const SERVICE_FREQUENCIES = ["day", "week", "month"] as const;
export const SERVICE_LOCATIONS = ["general_education", "special_education", "other"] as const;
export const ACCOMMODATION_KINDS = ["accommodation", "modification"] as const;
export const GOAL_AREAS = [
  "reading",
  "writing",
  "math",
  "communication",
  "behavior",
  "social_emotional",
  "attention",
  "motor",
  "independent_living",
  "other",
] as const;

/** ADAAA major life activities (non-exhaustive list in the statute) plus major bodily functions. */
export const MAJOR_LIFE_ACTIVITIES = [
  "caring_for_oneself",
  "performing_manual_tasks",
  "seeing",
  "hearing",
  "eating",
  "sleeping",
  "walking",
  "standing",
  "lifting",
  "bending",
  "speaking",
  "breathing",
  "learning",
  "reading",
  "concentrating",
  "thinking",
  "communicating",
  "working",
  "major_bodily_function",
] as const;
export const SECTION_504_BASES = ["actual", "record_of", "regarded_as"] as const;

export const objectiveSchema = z.strictObject({
  id: uuidSchema,
  text: longText,
  criteria: shortText,
  evaluation: shortText,
  schedule: shortText,
  /** The structured measure (optional: drafts written before measures existed have none). */
  measure: measureDraftSchema.optional(),
});

export const goalSchema = z.strictObject({
  id: uuidSchema,
  area: z.union([z.literal(""), z.enum(GOAL_AREAS)]),
  text: longText,
  baseline: longText,
  target: shortText,
  measurement: shortText,
  schedule: shortText,
  /** The structured measure (optional: drafts written before measures existed have none). */
  measure: measureDraftSchema.optional(),
  objectives: z.array(objectiveSchema).max(20, { message: "validation.tooMany" }),
});

export const serviceSchema = z.strictObject({
  id: uuidSchema,
  category: z.enum(SERVICE_CATEGORIES),
  type: shortText,
  minutes: digits,
  frequency: z.enum(SERVICE_FREQUENCIES),
  location: z.enum(SERVICE_LOCATIONS),
  providerUserId: optionalUser,
  providerName: shortText,
  startDate: optionalDate,
  endDate: optionalDate,
});

export const accommodationSchema = z.strictObject({
  id: uuidSchema,
  kind: z.enum(ACCOMMODATION_KINDS),
  text: shortText,
  teacherAction: longText,
  classroom: z.boolean(),
  testing: z.boolean(),
  responsible: shortText,
});

export const implementerSchema = z.strictObject({
  id: uuidSchema,
  name: shortText,
  role: shortText,
});

/**
 * How often the IEP reports progress to the parents (300.320(a)(3)(ii); compliance.md D-13; legal-review
 * PM-2): with the school's report cards (also when nothing is chosen: at least as often as report
 * cards), every N weeks from the day the IEP takes effect, or on the dates written here. Read for
 * progress reports and D-13 when the district setting `services.progressReports` is "iep_schedule"
 * (lib/services/reporting-periods.ts `iepReportingPeriods`); checked at finalize (dates in the plan's
 * year, in order: plan-completeness.ts).
 */
export const REPORTING_SCHEDULE_KINDS = ["report_cards", "weeks", "dates"] as const;
export const MAX_REPORTING_DATES = 12;
export const reportingScheduleSchema = z.strictObject({
  kind: z.union([z.literal(""), z.enum(REPORTING_SCHEDULE_KINDS)]),
  everyWeeks: digits.default(""),
  dates: z
    .array(z.strictObject({ id: uuidSchema, date: optionalDate }))
    .max(MAX_REPORTING_DATES, { message: "validation.tooMany" })
    .default([]),
});
export type ReportingSchedule = z.infer<typeof reportingScheduleSchema>;

export const iepContentSchema = z.strictObject({
  meetingDate: optionalDate,
  presentLevels: longText,
  parentConcerns: longText,
  goals: z.array(goalSchema).max(30, { message: "validation.tooMany" }),
  services: z.array(serviceSchema).max(40, { message: "validation.tooMany" }),
  accommodations: z.array(accommodationSchema).max(60, { message: "validation.tooMany" }),
  lre: z.strictObject({ schoolHoursPerWeek: digits, hoursWithPeers: digits, explanation: longText }),
  transition: z.strictObject({
    assessments: longText,
    postsecondaryEducation: longText,
    employment: longText,
    independentLiving: longText,
    services: longText,
    /**
     * D-11 (300.320(c); RCSA 10-76d-12(b)): in the IEP in effect when the student turns 17, the statement
     * that the student has been informed of the rights that transfer at 18. Optional in the schema so
     * versions written before it keep their content (and fingerprint).
     */
    rightsTransfer: longText.optional(),
  }),
  implementers: z.array(implementerSchema).max(40, { message: "validation.tooMany" }),
  /** Optional in the schema so versions written before it keep their content (and fingerprint). */
  progressReporting: reportingScheduleSchema.optional(),
});
export type IepContent = z.infer<typeof iepContentSchema>;

export const plan504ContentSchema = z.strictObject({
  meetingDate: optionalDate,
  impairment: longText,
  majorLifeActivities: z.array(z.enum(MAJOR_LIFE_ACTIVITIES)).max(MAJOR_LIFE_ACTIVITIES.length),
  basis: z.union([z.literal(""), z.enum(SECTION_504_BASES)]),
  evaluationSources: longText,
  mitigatingMeasures: longText,
  accommodations: z.array(accommodationSchema).max(60, { message: "validation.tooMany" }),
  reviewDate: optionalDate,
});
export type Plan504Content = z.infer<typeof plan504ContentSchema>;

export type PlanContent = IepContent | Plan504Content;
export type PlanTypeName = "iep" | "504";

/** The content schema of a plan type. */
export function contentSchemaFor(type: PlanTypeName) {
  return type === "iep" ? iepContentSchema : plan504ContentSchema;
}

/** An empty draft of each plan type. */
export function emptyContent(type: "iep"): IepContent;
export function emptyContent(type: "504"): Plan504Content;
export function emptyContent(type: PlanTypeName): PlanContent;
export function emptyContent(type: PlanTypeName): PlanContent {
  if (type === "504") {
    return {
      meetingDate: "",
      impairment: "",
      majorLifeActivities: [],
      basis: "",
      evaluationSources: "",
      mitigatingMeasures: "",
      accommodations: [],
      reviewDate: "",
    };
  }
  return {
    meetingDate: "",
    presentLevels: "",
    parentConcerns: "",
    goals: [],
    services: [],
    accommodations: [],
    lre: { schoolHoursPerWeek: "", hoursWithPeers: "", explanation: "" },
    transition: {
      assessments: "",
      postsecondaryEducation: "",
      employment: "",
      independentLiving: "",
      services: "",
      rightsTransfer: "",
    },
    implementers: [],
    progressReporting: { kind: "", everyWeeks: "", dates: [] },
  };
}

export const createPlanSchema = z.object({
  studentId: uuidSchema,
  type: z.enum(["iep", "504"], { message: "validation.invalid" }),
  submissionKey: submissionKeySchema,
});

/** The autosave payload: the whole draft and the lock version it was based on. */
export const saveDraftSchema = z.object({
  versionId: uuidSchema,
  lockVersion: z.number().int().min(1),
  content: z.unknown(),
});

export const versionActionSchema = z.object({ versionId: uuidSchema });

export const activateVersionSchema = z.object({
  versionId: uuidSchema,
  effectiveOn: isoDateField("validation.date"),
  endActive504: z.boolean().optional(),
});

export const bankSearchSchema = z.object({
  q: text().max(100).optional().default(""),
  category: text().max(40).optional().default(""),
});
