"use client";

import { useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { ConsentRequestType } from "@/lib/validation/consents";
import { Alert } from "../ui/alert";
import { inputClass } from "../ui/field";

type Decision = "granted" | "refused" | "revoked";

export interface RespondInput {
  requestId: string;
  decision: Decision;
  documentSha256: string;
  signerName: string;
  readConfirmed: boolean;
  revocationAcknowledged?: boolean;
}

/** Consent and decline share one look: same size, same weight, neither pre-selected (CL-2). */
const choiceClass =
  "inline-flex min-w-48 flex-1 items-center justify-center rounded-md border-2 border-slate-700 bg-white px-4 py-3 text-base font-semibold text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400";

/**
 * The guardian's answer, shown after the whole document: the typed name as signature and the
 * "I have read" confirmation, then consent and decline as equal choices; a granted consent shows
 * only the revocation (with its consequences, acknowledged for initial services); "I need more
 * time / I have questions" leaves the request open and tells the plan lead.
 */
export function ConsentResponseForm({
  requestId,
  documentSha256,
  type,
  decisions,
  canAskForMoreTime,
  leadName,
  respond,
  askForMoreTime,
}: {
  requestId: string;
  documentSha256: string;
  type: ConsentRequestType;
  decisions: Decision[];
  canAskForMoreTime: boolean;
  leadName: string;
  respond: (input: RespondInput) => Promise<ActionResult<unknown>>;
  askForMoreTime: (input: { requestId: string; message?: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("consents.page");
  const tr = useTranslations();
  const router = useRouter();
  const id = useId();
  const [signerName, setSignerName] = useState("");
  const [readConfirmed, setReadConfirmed] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<"answered" | "moreTime" | null>(null);
  const [pending, startTransition] = useTransition();
  const revoking = decisions.includes("revoked");
  const choices = decisions.filter((d) => d !== "revoked");

  const submit = (decision: Decision) =>
    startTransition(async () => {
      setError(null);
      setDone(null);
      const result = await respond({
        requestId,
        decision,
        documentSha256,
        signerName,
        readConfirmed,
        ...(decision === "revoked" ? { revocationAcknowledged: acknowledged } : {}),
      });
      if (result.ok) {
        setDone("answered");
        router.refresh();
      } else {
        const fieldKey = result.fieldErrors ? Object.values(result.fieldErrors)[0]?.[0] : undefined;
        setError(fieldKey ?? result.formError ?? "errors.unexpected");
      }
    });

  const moreTime = () =>
    startTransition(async () => {
      setError(null);
      const result = await askForMoreTime({ requestId, ...(message.trim() ? { message } : {}) });
      if (result.ok) setDone("moreTime");
      else setError(result.formError ?? "errors.unexpected");
    });

  return (
    <div className="space-y-6">
      {error && (
        <Alert tone="error" live>
          {tr(messageKey(error))}
        </Alert>
      )}
      {done && (
        <Alert tone="success" live>
          {t(done === "answered" ? "answered" : "moreTimeSent")}
        </Alert>
      )}
      {decisions.length > 0 && (
        <section aria-labelledby={`${id}-answer`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id={`${id}-answer`} className="text-lg font-semibold">
            {revoking ? t("revokeHeading") : t("respondHeading")}
          </h2>
          {revoking && (
            <Alert tone="warning">
              <p>{type === "initial_services" ? t("revokeConsequence") : tr("consents.document.meaningRevocable")}</p>
            </Alert>
          )}
          <div className="space-y-1">
            <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
              {t("signerName")}
            </label>
            <input
              id={`${id}-name`}
              type="text"
              autoComplete="name"
              maxLength={200}
              value={signerName}
              onChange={(e) => setSignerName(e.target.value)}
              className={inputClass}
            />
          </div>
          <div className="flex items-start gap-2">
            <input
              id={`${id}-read`}
              type="checkbox"
              checked={readConfirmed}
              onChange={(e) => setReadConfirmed(e.target.checked)}
              className="mt-1 h-4 w-4"
            />
            <label htmlFor={`${id}-read`} className="text-sm text-slate-800">
              {t("readConfirm")}
            </label>
          </div>
          {revoking && type === "initial_services" && (
            <div className="flex items-start gap-2">
              <input
                id={`${id}-ack`}
                type="checkbox"
                checked={acknowledged}
                onChange={(e) => setAcknowledged(e.target.checked)}
                className="mt-1 h-4 w-4"
              />
              <label htmlFor={`${id}-ack`} className="text-sm text-slate-800">
                {t("revokeAcknowledge")}
              </label>
            </div>
          )}
          <div className="flex flex-wrap gap-3">
            {choices.map((decision) => (
              <button
                key={decision}
                type="button"
                disabled={pending}
                className={choiceClass}
                onClick={() => submit(decision)}
              >
                {t(decision === "granted" ? "consent" : "decline")}
              </button>
            ))}
            {revoking && (
              <button type="button" disabled={pending} className={choiceClass} onClick={() => submit("revoked")}>
                {t("revoke")}
              </button>
            )}
          </div>
        </section>
      )}
      {canAskForMoreTime && (
        <section aria-labelledby={`${id}-more`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id={`${id}-more`} className="text-lg font-semibold">
            {t("moreTimeHeading")}
          </h2>
          <p className="text-sm text-slate-700">{t("moreTimeHint", { name: leadName })}</p>
          <div className="space-y-1">
            <label htmlFor={`${id}-message`} className="block text-sm font-medium text-slate-800">
              {t("moreTimeMessage")}
            </label>
            <textarea
              id={`${id}-message`}
              rows={3}
              maxLength={1000}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              className={inputClass}
            />
          </div>
          <button type="button" disabled={pending} className={choiceClass} onClick={moreTime}>
            {t("moreTime")}
          </button>
        </section>
      )}
    </div>
  );
}
