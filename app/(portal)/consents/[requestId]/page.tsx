import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsentHistory, ConsentStateBadge } from "@/components/consents/consent-history";
import { ConsentResponseForm } from "@/components/consents/consent-response-form";
import { DATE_FORMAT, isoDateValue } from "@/components/deadlines/dates";
import { DocumentView } from "@/components/documents/document-view";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getConsentRequest } from "@/lib/dal/consents";
import { isAppError } from "@/lib/errors";
import { requestMoreTimeAction, respondToConsentAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("consents.page");
  return { title: t("requestTitle") };
}

/**
 * One consent request: the whole document first (exactly as stored), then the history, then the
 * controls — consent and decline equally prominent, "I need more time" always offered while open.
 */
export default async function ConsentRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const viewer = await requireViewer();
  const { requestId } = await params;
  let request;
  try {
    request = await getConsentRequest(viewer, requestId);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const t = await getTranslations("consents");
  const format = await getFormatter();
  return (
    <>
      <PageHeader
        title={t("page.requestTitle")}
        subtitle={`${request.studentName} · ${t(`types.${request.type}`)} · ${format.dateTime(isoDateValue(request.requestedOn), DATE_FORMAT)}`}
        actions={<ConsentStateBadge state={request.state} />}
      />
      <div className="space-y-6">
        {request.state === "superseded" ? (
          <Alert tone="warning">
            <p>{t("page.superseded")}</p>
            {request.latestRequestId && (
              <Link href={`/consents/${request.latestRequestId}`} className="underline">
                {t("page.supersededLink")}
              </Link>
            )}
          </Alert>
        ) : (
          request.portalDecisions.length > 0 && <p>{t("page.readFirst")}</p>
        )}
        <DocumentView doc={request.document} />
        <p>
          <a href={`/consents/${request.id}/pdf`} className="text-brand-700 underline underline-offset-2">
            {t("page.pdf")}
          </a>
        </p>
        <section aria-labelledby="consent-history" className="space-y-2">
          <h2 id="consent-history" className="text-lg font-semibold">
            {t("page.history")}
          </h2>
          <ConsentHistory request={request} />
        </section>
        {request.cannotRespondReason && request.state !== "superseded" && (
          <Alert tone="info">{t("page.notDecisionMaker")}</Alert>
        )}
        {request.state === "revoked" && <Alert tone="info">{t("page.closed")}</Alert>}
        <ConsentResponseForm
          requestId={request.id}
          documentSha256={request.documentSha256}
          type={request.type}
          decisions={request.portalDecisions}
          canAskForMoreTime={request.canAskForMoreTime}
          leadName={request.requestedByFirstName ?? ""}
          respond={respondToConsentAction}
          askForMoreTime={requestMoreTimeAction}
        />
      </div>
    </>
  );
}
