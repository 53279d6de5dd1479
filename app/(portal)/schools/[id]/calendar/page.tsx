import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SchoolCalendarView } from "@/components/calendar/school-calendar-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getSchoolCalendar } from "@/lib/dal/calendar";
import { isAppError } from "@/lib/errors";
import {
  addCalendarDayAction,
  addSchoolYearAction,
  importCalendarAction,
  removeCalendarDayAction,
  removeSchoolYearAction,
  updateSchoolYearAction,
} from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("calendar");
  return { title: t("title") };
}

export default async function SchoolCalendarPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const t = await getTranslations("calendar");
  let calendar;
  try {
    calendar = await getSchoolCalendar(viewer, id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader
        title={t("heading", { school: calendar.schoolName })}
        subtitle={t("subtitle")}
        actions={
          <Link href={`/schools/${calendar.schoolId}`} className="text-brand-700 underline underline-offset-2">
            {t("back")}
          </Link>
        }
      />
      <SchoolCalendarView
        calendar={calendar}
        actions={{
          addDay: addCalendarDayAction,
          removeDay: removeCalendarDayAction,
          addYear: addSchoolYearAction,
          updateYear: updateSchoolYearAction,
          removeYear: removeSchoolYearAction,
          importFile: importCalendarAction,
        }}
      />
    </>
  );
}
