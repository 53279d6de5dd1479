"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  createProgressReportDraft,
  issueProgressReport,
  saveProgressReportDraft,
  startProgressReportCorrection,
} from "@/lib/dal/progress-reports";
import {
  correctProgressReportSchema,
  createProgressReportSchema,
  issueProgressReportSchema,
  saveProgressReportSchema,
} from "@/lib/validation/progress-reports";

const refresh = (studentId: string) => revalidatePath(`/students/${studentId}`, "layout");

export const createProgressReportAction = defineAction(createProgressReportSchema, async (viewer, input) => {
  const result = await createProgressReportDraft(viewer, input);
  refresh(input.studentId);
  return result;
});

export const saveProgressReportAction = defineAction(saveProgressReportSchema, async (viewer, input) => {
  const result = await saveProgressReportDraft(viewer, input);
  refresh(input.studentId);
  return result;
});

export const issueProgressReportAction = defineAction(issueProgressReportSchema, async (viewer, input) => {
  const result = await issueProgressReport(viewer, input);
  refresh(input.studentId);
  return result;
});

export const correctProgressReportAction = defineAction(correctProgressReportSchema, async (viewer, input) => {
  const result = await startProgressReportCorrection(viewer, input);
  refresh(input.studentId);
  return result;
});
