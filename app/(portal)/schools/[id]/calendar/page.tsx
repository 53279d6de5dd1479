import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SchoolCalendarView } from "@/components/calendar/school-calendar-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getSchoolCalendar } from "@/lib/dal/calendar";
import {
  addCalendarDayAction,
  addReportCardDateAction,
  addSchoolYearAction,
  importCalendarAction,
  removeCalendarDayAction,
  removeReportCardDateAction,
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
  const calendar = await orNotFound(getSchoolCalendar(viewer, id));
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
          addReportCard: addReportCardDateAction,
          removeReportCard: removeReportCardDateAction,
        }}
      />
    </>
  );
}
