"use client";

import { useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { newId } from "@/lib/validation/new-id";
import { CONSENT_REQUEST_TYPES, type ConsentRequestType } from "@/lib/validation/consents";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";

/**
 * The plan lead's request form: the type of consent, the program and, optionally, the frozen plan
 * version it concerns. The form is prepared in the family's language and stored on submit. An
 * excusal is asked from its meeting's page (it must name the meeting).
 */
export function RequestConsentForm({
  studentId,
  programs,
  planVersions,
  action,
}: {
  studentId: string;
  programs: ("iep" | "504")[];
  planVersions: { id: string; program: "iep" | "504"; number: number; status: "proposed" | "final" }[];
  action: (input: {
    studentId: string;
    type: ConsentRequestType;
    program: "iep" | "504";
    planVersionId?: string;
    submissionKey: string;
  }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("consents");
  const tr = useTranslations();
  const router = useRouter();
  const id = useId();
  const [type, setType] = useState<ConsentRequestType>("initial_evaluation");
  const [program, setProgram] = useState(programs[0]!);
  const [planVersionId, setPlanVersionId] = useState("");
  const [submissionKey, setSubmissionKey] = useState(newId);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const versions = planVersions.filter((v) => v.program === program);
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          setDone(false);
          const result = await action({
            studentId,
            type,
            program,
            ...(planVersionId ? { planVersionId } : {}),
            submissionKey,
          });
          if (result.ok) {
            setDone(true);
            setSubmissionKey(newId());
            router.refresh();
          } else {
            const fieldKey = result.fieldErrors ? Object.values(result.fieldErrors)[0]?.[0] : undefined;
            setError(fieldKey ?? result.formError ?? "errors.unexpected");
          }
        });
      }}
    >
      {error && (
        <Alert tone="error" live>
          {tr(messageKey(error))}
        </Alert>
      )}
      {done && (
        <Alert tone="success" live>
          {t("page.requested")}
        </Alert>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-type`} className="block text-sm font-medium text-slate-800">
            {t("page.requestType")}
          </label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(e) => setType(e.target.value as ConsentRequestType)}
            className={inputClass}
          >
            {CONSENT_REQUEST_TYPES.filter((value) => value !== "excusal").map((value) => (
              <option key={value} value={value}>
                {t(`types.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-program`} className="block text-sm font-medium text-slate-800">
            {t("page.program")}
          </label>
          <select
            id={`${id}-program`}
            value={program}
            onChange={(e) => {
              setProgram(e.target.value as "iep" | "504");
              setPlanVersionId("");
            }}
            className={inputClass}
          >
            {programs.map((value) => (
              <option key={value} value={value}>
                {t(`document.plan_${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-version`} className="block text-sm font-medium text-slate-800">
            {t("page.planVersion")}
          </label>
          <select
            id={`${id}-version`}
            value={planVersionId}
            onChange={(e) => setPlanVersionId(e.target.value)}
            className={inputClass}
          >
            <option value="">{t("page.noPlanVersion")}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {t("document.planValue", {
                  type: t(`document.plan_${v.program}`),
                  number: v.number,
                  status: t(`document.planStatus.${v.status}`),
                })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {t("page.submitRequest")}
      </Button>
    </form>
  );
}
