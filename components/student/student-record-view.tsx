import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { StudentRecord } from "@/lib/dto/students";
import { Card } from "../ui/card";
import { PageHeader } from "../ui/page-header";
import { keyIn } from "@/lib/i18n/keys";

export async function StudentRecordView({
  student,
  guardianActions,
  caseSections,
}: {
  student: StudentRecord;
  guardianActions?: (guardian: StudentRecord["guardians"][number]) => ReactNode;
  caseSections?: ReactNode;
}) {
  const t = await getTranslations("student");
  const tServices = await getTranslations("services.page");
  const languageNames = new Intl.DisplayNames([await getLocale()], { type: "language", fallback: "code" });
  const language = (code: string) => {
    try {
      return languageNames.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const fullName = `${student.firstName} ${student.lastName}`;
  return (
    <>
      <PageHeader
        title={fullName}
        subtitle={t("subtitle", { grade: student.grade, school: student.schoolName })}
        actions={
          student.canReadAccessLog || student.canReadEvidence || student.canReadServices || student.canReadProgress ? (
            <div className="flex flex-wrap gap-4">
              {student.canReadProgress && (
                <Link href={`/students/${student.id}/progress`} className="text-brand-700 underline underline-offset-2">
                  {t("progressLink")}
                </Link>
              )}
              {student.canReadServices && (
                <Link href={`/students/${student.id}/services`} className="text-brand-700 underline underline-offset-2">
                  {tServices("link")}
                </Link>
              )}
              {student.canReadEvidence && (
                <Link href={`/students/${student.id}/evidence`} className="text-brand-700 underline underline-offset-2">
                  {t("evidenceLink")}
                </Link>
              )}
              {student.canReadAccessLog && (
                <Link
                  href={`/students/${student.id}/access-log`}
                  className="text-brand-700 underline underline-offset-2"
                >
                  {t("accessLogLink")}
                </Link>
              )}
            </div>
          ) : undefined
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {caseSections}
        <Card title={t("detailsTitle")} titleId="details-title">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-600">{t("grade")}</dt>
            <dd>{student.grade}</dd>
            <dt className="text-slate-600">{t("school")}</dt>
            <dd>{student.schoolName}</dd>
            {student.sasid && (
              <>
                <dt className="text-slate-600">{t("sasid")}</dt>
                <dd className="font-mono">{student.sasid}</dd>
              </>
            )}
            {student.birthDate && (
              <>
                <dt className="text-slate-600">{t("birthDate")}</dt>
                <dd>{student.birthDate}</dd>
              </>
            )}
            {student.homeLanguage && (
              <>
                <dt className="text-slate-600">{t("homeLanguage")}</dt>
                <dd>{language(student.homeLanguage)}</dd>
              </>
            )}
            {student.parentLanguage && (
              <>
                <dt className="text-slate-600">{t("parentLanguage")}</dt>
                <dd>{language(student.parentLanguage)}</dd>
              </>
            )}
            <dt className="text-slate-600">{t("caseManagers")}</dt>
            <dd>{student.caseManagers.length ? student.caseManagers.join(", ") : t("none")}</dd>
          </dl>
          <p className="mt-4 text-sm text-slate-600">
            {t("yourAccess")} {student.relationships.map((r) => t(keyIn("student", `relationships.${r}`))).join(", ")}
          </p>
        </Card>
        <Card title={t("sectionsTitle")} titleId="sections-title">
          {student.sections.length === 0 ? (
            <p className="text-slate-600">{t("noSections")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {student.sections.map((section) => (
                <li key={section.id} className="py-2">
                  <span className="font-medium">
                    {t("sectionLine", { period: section.period, name: section.name })}
                  </span>
                  <span className="block text-slate-600">{section.teacherNames.join(", ") || t("none")}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {student.guardians.length > 0 && (
          <Card title={t("guardiansTitle")} titleId="guardians-title">
            <ul className="divide-y divide-slate-100 text-sm">
              {student.guardians.map((guardian) => (
                <li key={guardian.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{guardian.name}</span>{" "}
                    <span className="text-slate-600">({t(keyIn("student", `relation.${guardian.relation}`))})</span>
                    {guardian.restricted && (
                      <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                        {t("restricted")}
                      </span>
                    )}
                  </span>
                  {guardianActions?.(guardian)}
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
