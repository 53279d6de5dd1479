import { getFormatter, getTranslations } from "next-intl/server";
import type { ConsentRequestView, ConsentState } from "@/lib/dto/consents";
import { DATE_FORMAT, isoDateValue } from "../deadlines/dates";

const stateTone: Record<ConsentState, string> = {
  open: "bg-sky-100 text-sky-900",
  granted: "bg-emerald-100 text-emerald-900",
  refused: "bg-amber-100 text-amber-900",
  no_response: "bg-amber-100 text-amber-900",
  revoked: "bg-slate-200 text-slate-900",
  superseded: "bg-slate-200 text-slate-900",
};

/** A request's state in words (never color alone). */
export async function ConsentStateBadge({ state }: { state: ConsentState }) {
  const t = await getTranslations("consents");
  return <span className={`rounded px-2 py-0.5 text-sm font-medium ${stateTone[state]}`}>{t(`states.${state}`)}</span>;
}

/** Every answer to a request, oldest first: decision, date, method, signer and who recorded it. */
export async function ConsentHistory({ request }: { request: ConsentRequestView }) {
  const t = await getTranslations("consents");
  const format = await getFormatter();
  if (request.responses.length === 0) return <p className="text-sm text-slate-600">{t("page.historyEmpty")}</p>;
  return (
    <ol className="space-y-1 text-sm">
      {request.responses.map((r) => (
        <li key={r.id}>
          {t("page.historyEntry", {
            decision: t(`decisions.${r.decision}`),
            date: format.dateTime(isoDateValue(r.respondedOn), DATE_FORMAT),
            method: t(`methods.${r.method}`),
            signer: r.signerName ?? "—",
          })}
          {r.recordedByName && <> · {t("page.recordedBy", { name: r.recordedByName })}</>}
          {r.uploadedDocumentId && (
            <>
              {" · "}
              <a
                className="text-brand-700 underline"
                href={`/consents/${request.id}/pdf?document=${r.uploadedDocumentId}`}
              >
                {t("methods.uploaded_paper")}
              </a>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
