"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { AccommodationBankItem } from "@/lib/dto/banks";
import { MAJOR_LIFE_ACTIVITIES, SECTION_504_BASES, type Plan504Content } from "@/lib/validation/plans";
import { Alert } from "../../ui/alert";
import { AccommodationFields } from "./accommodation-fields";
import { fieldId, SectionCard, TextArea, TextInput } from "./inputs";

/** Every section of a Section 504 plan draft, with the ADAAA warnings (Rules 504-2 and 504-3). */
export function Plan504Fields({
  searchAccommodationBank,
}: {
  searchAccommodationBank: (input: { q: string; category: string }) => Promise<ActionResult<AccommodationBankItem[]>>;
}) {
  const t = useTranslations("plans");
  const { register } = useFormContext<Plan504Content>();
  const basis = useWatch<Plan504Content, "basis">({ name: "basis" });
  return (
    <div className="space-y-6">
      <SectionCard id="eligibility" title={t("fields.sectionEligibility")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextInput path="meetingDate" type="date" label={t("fields.meetingDate")} />
          <TextInput path="reviewDate" type="date" label={t("fields.reviewDate")} />
        </div>
        <TextArea path="impairment" label={t("fields.impairment")} />
        <fieldset id={fieldId("majorLifeActivities")}>
          <legend className="text-sm font-medium text-slate-800">{t("fields.majorLifeActivities")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {MAJOR_LIFE_ACTIVITIES.map((activity) => (
              <label key={activity} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" value={activity} className="h-4 w-4" {...register("majorLifeActivities")} />
                {t(`options.mla.${activity}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset id={fieldId("basis")}>
          <legend className="text-sm font-medium text-slate-800">{t("fields.basis")}</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {SECTION_504_BASES.map((b) => (
              <label key={b} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" value={b} className="h-4 w-4" {...register("basis")} />
                {t(`options.basis.${b}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {basis && basis !== "actual" && <Alert tone="warning">{t("fields.basisWarning")}</Alert>}
        <TextArea path="evaluationSources" label={t("fields.evaluationSources")} />
        <Alert tone="warning">{t("fields.mitigatingWarning")}</Alert>
        <TextArea
          path="mitigatingMeasures"
          label={t("fields.mitigatingMeasures")}
          hint={t("fields.mitigatingWarning")}
        />
      </SectionCard>
      <AccommodationFields withResponsible searchBank={searchAccommodationBank} />
    </div>
  );
}
