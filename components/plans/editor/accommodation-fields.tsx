"use client";

import { useTranslations } from "next-intl";
import { useFieldArray, useFormContext } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { AccommodationBankItem } from "@/lib/dto/banks";
import { newId } from "@/lib/validation/new-id";
import { ACCOMMODATION_KINDS, type PlanContent } from "@/lib/validation/plans";
import { BankPicker } from "./bank-picker";
import { AddButton, Checkbox, ItemBox, SectionCard, Select, TextArea, TextInput } from "./inputs";

export function AccommodationFields({
  withResponsible,
  searchBank,
}: {
  withResponsible: boolean;
  searchBank: (input: { q: string; category: string }) => Promise<ActionResult<AccommodationBankItem[]>>;
}) {
  const t = useTranslations("plans");
  const { control } = useFormContext<PlanContent>();
  const { fields, append, remove } = useFieldArray({ control, name: "accommodations", keyName: "key" });
  const blank = (from?: Partial<AccommodationBankItem>) => ({
    id: newId(),
    kind: "accommodation" as const,
    text: from?.text ?? "",
    teacherAction: from?.teacherAction ?? "",
    classroom: from?.classroom ?? true,
    testing: from?.testing ?? false,
    responsible: withResponsible ? "All teachers" : "",
  });
  return (
    <SectionCard id="accommodations" title={t("fields.accommodations")}>
      {fields.map((field, i) => (
        <ItemBox
          key={field.key}
          title={t("fields.accommodationN", { n: i + 1 })}
          onRemove={() => remove(i)}
          removeLabel={`${t("editor.remove")} ${t("fields.accommodationN", { n: i + 1 })}`}
        >
          <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
            <Select
              path={`accommodations.${i}.kind`}
              label={t("fields.kind")}
              options={ACCOMMODATION_KINDS.map((k) => ({ value: k, label: t(`options.kind.${k}`) }))}
            />
            <TextInput path={`accommodations.${i}.text`} label={t("fields.accommodationText")} />
          </div>
          <TextArea path={`accommodations.${i}.teacherAction`} label={t("fields.teacherAction")} rows={2} />
          <div className="flex flex-wrap gap-6">
            <Checkbox path={`accommodations.${i}.classroom`} label={t("fields.classroom")} />
            <Checkbox path={`accommodations.${i}.testing`} label={t("fields.testing")} />
          </div>
          {withResponsible && <TextInput path={`accommodations.${i}.responsible`} label={t("fields.responsible")} />}
        </ItemBox>
      ))}
      <div className="flex flex-wrap items-start gap-3">
        <AddButton onClick={() => append(blank())}>{t("fields.addAccommodation")}</AddButton>
      </div>
      <BankPicker
        openLabel={t("bank.openAccommodations")}
        search={searchBank}
        onInsert={(item) => append(blank(item))}
        describe={(item) => item.teacherAction}
      />
    </SectionCard>
  );
}
