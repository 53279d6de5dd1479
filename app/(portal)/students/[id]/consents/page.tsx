import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsentHistory, ConsentStateBadge } from "@/components/consents/consent-history";
import { RecordResponseForm } from "@/components/consents/record-response-form";
import { RequestConsentForm } from "@/components/consents/request-consent-form";
import { DATE_FORMAT, isoDateValue } from "@/components/deadlines/dates";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getStudentConsents } from "@/lib/dal/consents";
import { isAppError } from "@/lib/errors";
import { recordConsentResponseAction, recordNoResponseAction, requestConsentAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("consents.page");
  return { title: t("staffTitle") };
}

/**
 * The consent ledger of one student for staff: every request with its state, its document and
 * every answer; the plan lead requests consent, records a signed paper answer (or its scan) on
 * the signer's behalf, and records a non-response once the D-23 window has passed.
 */
export default async function StudentConsentsPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  let data;
  try {
    data = await getStudentConsents(viewer, id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const t = await getTranslations("consents");
  const format = await getFormatter();
  const date = (value: string) => format.dateTime(isoDateValue(value), DATE_FORMAT);
  return (
    <>
      <PageHeader
        title={t("page.staffTitle")}
        subtitle={`${data.studentName} · ${t("page.language")}: ${t(`page.languages.${data.parentLanguage}`)}`}
        actions={
          <Link href={`/students/${data.studentId}`} className="text-brand-700 underline underline-offset-2">
            {data.studentName}
          </Link>
        }
      />
      <div className="space-y-6">
        <p className="text-slate-700">{t("page.staffIntro")}</p>
        {data.requestablePrograms.length > 0 && (
          <Card title={t("page.requestForm")} titleId="consent-request-form">
            <RequestConsentForm
              studentId={data.studentId}
              programs={data.requestablePrograms}
              planVersions={data.planVersions}
              action={requestConsentAction}
            />
          </Card>
        )}
        {data.requests.length === 0 ? (
          <Alert>{t("page.none")}</Alert>
        ) : (
          data.requests.map((request) => (
            <Card
              key={request.id}
              titleId={`consent-${request.id}`}
              title={`${t(`types.${request.type}`)} · ${date(request.requestedOn)}`}
              actions={<ConsentStateBadge state={request.state} />}
            >
              <div className="space-y-3">
                <p className="text-sm text-slate-700">
                  <a
                    href={`/consents/${request.id}`}
                    className="text-brand-700 underline underline-offset-2"
                    aria-describedby={`consent-${request.id}`}
                  >
                    {t("page.document")}
                  </a>
                  {" · "}
                  <a
                    href={`/consents/${request.id}/pdf`}
                    className="text-brand-700 underline underline-offset-2"
                    aria-describedby={`consent-${request.id}`}
                  >
                    {t("page.pdf")}
                  </a>
                  {" · "}
                  {t("page.language")}: {t(`page.languages.${request.language}`)}
                  {request.requestedByName && <> · {request.requestedByName}</>}
                </p>
                <ConsentHistory request={request} />
                {request.recordableDecisions.length > 0 && data.signers.length > 0 && (
                  <RecordResponseForm
                    studentId={data.studentId}
                    requestId={request.id}
                    documentSha256={request.documentSha256}
                    type={request.type}
                    decisions={request.recordableDecisions}
                    signers={data.signers}
                    today={viewer.today}
                    action={recordConsentResponseAction}
                  />
                )}
                {request.canRecordNoResponse && (
                  <ActionButton
                    action={recordNoResponseAction}
                    input={{ studentId: data.studentId, requestId: request.id, documentSha256: request.documentSha256 }}
                    label={t("page.noResponse")}
                  />
                )}
                {request.noResponseAfter && request.state === "open" && !request.canRecordNoResponse && (
                  <p className="text-sm text-slate-600">
                    {t("page.noResponseHint", { days: data.noResponseSchoolDays })}
                  </p>
                )}
              </div>
            </Card>
          ))
        )}
      </div>
    </>
  );
}
