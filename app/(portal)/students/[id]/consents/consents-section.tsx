import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { listStudentConsentSummary } from "@/lib/dal/consents";
import type { Viewer } from "@/lib/dal/viewer";

/**
 * The student page's consent section: how many requests wait for an answer, and a link to the
 * ledger (staff) or to the family's consent requests (guardians). Nothing for other viewers.
 */
export async function ConsentsSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const summary = await listStudentConsentSummary(viewer, studentId);
  if (!summary) return null;
  const t = await getTranslations("consents.page");
  return (
    <div className="mt-6">
      <Card title={t("sectionTitle")} titleId="consents">
        <p className="mb-2">{t("sectionOpen", { count: summary.open })}</p>
        <Link
          href={summary.guardian ? "/consents" : `/students/${studentId}/consents`}
          className="text-brand-700 underline underline-offset-2"
        >
          {t("sectionLink")}
        </Link>
      </Card>
    </div>
  );
}
