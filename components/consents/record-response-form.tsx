"use client";

import { useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { ConsentSignerOption } from "@/lib/dto/consents";
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, type ConsentRequestType } from "@/lib/validation/consents";
import { newId } from "@/lib/validation/new-id";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";

/**
 * Staff record a signed paper answer on the signer's behalf: the answer, who signed (a guardian
 * with decision rights, or the adult student), the date signed and, optionally, the scan (PDF, PNG
 * or JPEG; a file above the limit is refused here before it is sent, and again on the server).
 */
export function RecordResponseForm({
  studentId,
  requestId,
  documentSha256,
  type,
  decisions,
  signers,
  today,
  action,
}: {
  studentId: string;
  requestId: string;
  documentSha256: string;
  type: ConsentRequestType;
  decisions: ("granted" | "refused" | "revoked")[];
  signers: ConsentSignerOption[];
  today: string;
  action: (input: FormData) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("consents");
  const tr = useTranslations();
  const router = useRouter();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [decision, setDecision] = useState("");
  const [submissionKey, setSubmissionKey] = useState(newId);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      ref={formRef}
      className="space-y-3 rounded-md border border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const upload = data.get("upload");
        if (upload instanceof File && upload.size > MAX_UPLOAD_BYTES) {
          setError("errors.consent.uploadTooLarge");
          return;
        }
        startTransition(async () => {
          setError(null);
          const result = await action(data);
          if (result.ok) {
            setSubmissionKey(newId());
            formRef.current?.reset();
            setDecision("");
            router.refresh();
          } else {
            const fieldKey = result.fieldErrors ? Object.values(result.fieldErrors)[0]?.[0] : undefined;
            setError(fieldKey ?? result.formError ?? "errors.unexpected");
          }
        });
      }}
    >
      <h3 className="font-semibold">{t("page.recordForm")}</h3>
      {error && (
        <Alert tone="error" live>
          {tr(messageKey(error))}
        </Alert>
      )}
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="documentSha256" value={documentSha256} />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-decision`} className="block text-sm font-medium text-slate-800">
            {t("page.recordDecision")}
          </label>
          <select
            id={`${id}-decision`}
            name="decision"
            required
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
            className={inputClass}
          >
            <option value="" disabled>
              —
            </option>
            {decisions.map((d) => (
              <option key={d} value={d}>
                {t(`decisions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-signer`} className="block text-sm font-medium text-slate-800">
            {t("page.recordSigner")}
          </label>
          <select id={`${id}-signer`} name="signer" required className={inputClass}>
            {signers.map((s) => (
              <option key={s.value} value={s.value}>
                {s.relation === "adult_student" ? `${s.name} — ${t("page.recordAdultStudent")}` : s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-date`} className="block text-sm font-medium text-slate-800">
            {t("page.recordSignedOn")}
          </label>
          <input
            id={`${id}-date`}
            name="signedOn"
            type="date"
            required
            max={today}
            defaultValue={today}
            className={inputClass}
          />
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-upload`} className="block text-sm font-medium text-slate-800">
          {t("page.recordUpload")}
        </label>
        <input id={`${id}-upload`} name="upload" type="file" accept={UPLOAD_ACCEPT} className="text-sm" />
      </div>
      {decision === "revoked" && type === "initial_services" && (
        <div className="flex items-start gap-2">
          <input id={`${id}-ack`} name="revocationAcknowledged" type="checkbox" className="mt-1 h-4 w-4" />
          <label htmlFor={`${id}-ack`} className="text-sm text-slate-800">
            {t("page.recordAcknowledged")}
          </label>
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("page.recordSubmit")}
      </Button>
    </form>
  );
}
