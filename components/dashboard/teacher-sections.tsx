import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SectionWithStudents } from "@/lib/dto/schools";
import { Card } from "../ui/card";

export async function TeacherSections({ sections }: { sections: SectionWithStudents[] }) {
  const t = await getTranslations("dashboard");
  if (sections.length === 0) {
    return (
      <Card title={t("sectionsTitle")} titleId="sections-title">
        <p className="text-slate-600">{t("sectionsEmpty")}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      <h2 className="text-lg font-semibold">{t("sectionsTitle")}</h2>
      {sections.map((section) => (
        <Card
          key={section.id}
          headingLevel={3}
          titleId={`section-${section.id}`}
          title={t("sectionHeading", { period: section.period, name: section.name })}
        >
          <p className="mb-3 text-sm text-slate-600">
            {t("sectionMeta", { schedule: section.schedule, room: section.room ?? "—", school: section.schoolName })}
          </p>
          {section.students.length === 0 ? (
            <p className="text-slate-600">{t("sectionNoStudents")}</p>
          ) : (
            <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3" aria-labelledby={`section-${section.id}`}>
              {section.students.map((student) => (
                <li key={student.id}>
                  <Link href={`/students/${student.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {student.name}
                  </Link>{" "}
                  <span className="text-sm text-slate-600">{t("gradeShort", { grade: student.grade })}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </div>
  );
}
