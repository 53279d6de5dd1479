"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  addCalendarDay,
  addReportCardDate,
  removeReportCardDate,
  addSchoolYear,
  importSchoolCalendar,
  removeCalendarDay,
  removeSchoolYear,
  updateSchoolYear,
} from "@/lib/dal/calendar";
import {
  calendarDaySchema,
  importCalendarSchema,
  removeCalendarDaySchema,
  removeReportCardDateSchema,
  reportCardDateSchema,
  removeSchoolYearSchema,
  schoolYearSchema,
  updateSchoolYearSchema,
} from "@/lib/validation/calendar";

const refresh = (schoolId: string) => revalidatePath(`/schools/${schoolId}/calendar`);

export const addCalendarDayAction = defineAction(calendarDaySchema, async (viewer, input) => {
  await addCalendarDay(viewer, input);
  refresh(input.schoolId);
});

export const removeCalendarDayAction = defineAction(removeCalendarDaySchema, async (viewer, input) => {
  await removeCalendarDay(viewer, input);
  refresh(input.schoolId);
});

export const addSchoolYearAction = defineAction(schoolYearSchema, async (viewer, input) => {
  await addSchoolYear(viewer, input);
  refresh(input.schoolId);
});

export const updateSchoolYearAction = defineAction(updateSchoolYearSchema, async (viewer, input) => {
  await updateSchoolYear(viewer, input);
  refresh(input.schoolId);
});

export const removeSchoolYearAction = defineAction(removeSchoolYearSchema, async (viewer, input) => {
  await removeSchoolYear(viewer, input);
  refresh(input.schoolId);
});

export const importCalendarAction = defineAction(importCalendarSchema, async (viewer, input) => {
  const result = await importSchoolCalendar(viewer, input);
  if (result.ok) refresh(input.schoolId);
  return result;
});

export const addReportCardDateAction = defineAction(reportCardDateSchema, async (viewer, input) => {
  await addReportCardDate(viewer, input);
  refresh(input.schoolId);
});

export const removeReportCardDateAction = defineAction(removeReportCardDateSchema, async (viewer, input) => {
  await removeReportCardDate(viewer, input);
  refresh(input.schoolId);
});
