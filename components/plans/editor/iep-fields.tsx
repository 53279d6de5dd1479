"use client";

import { useTranslations } from "next-intl";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { AccommodationBankItem, GoalBankItem } from "@/lib/dto/banks";
import { emptyMeasure } from "@/lib/validation/goal-measure";
import { newId } from "@/lib/validation/new-id";
import { turnsAgeDuringPlan } from "@/lib/validation/plan-completeness";
import {
  GOAL_AREAS,
  MAX_REPORTING_DATES,
  SERVICE_CATEGORIES,
  SERVICE_FREQUENCIES,
  SERVICE_LOCATIONS,
  type IepContent,
} from "@/lib/validation/plans";
import { AccommodationFields } from "./accommodation-fields";
import { BankPicker } from "./bank-picker";
import { MeasureFields } from "./measure-fields";
import { AddButton, ItemBox, SectionCard, Select, TextArea, TextInput } from "./inputs";

function Objectives({ goalIndex }: { goalIndex: number }) {
  const t = useTranslations("plans");
  const { control } = useFormContext<IepContent>();
  const { fields, append, remove } = useFieldArray({ control, name: `goals.${goalIndex}.objectives`, keyName: "key" });
  return (
    <div id={`field-goals-${goalIndex}-objectives`} className="space-y-3">
      <h4 className="font-medium">{t("fields.objectives")}</h4>
      <p className="text-sm text-slate-600">{t("fields.objectivesHint")}</p>
      {fields.map((field, o) => (
        <ItemBox
          key={field.key}
          title={t("fields.objectiveN", { n: o + 1 })}
          onRemove={() => remove(o)}
          removeLabel={`${t("editor.remove")} ${t("fields.objectiveN", { n: o + 1 })}`}
        >
          <TextArea path={`goals.${goalIndex}.objectives.${o}.text`} label={t("fields.objectiveText")} rows={2} />
          <div className="grid gap-3 sm:grid-cols-3">
            <TextInput path={`goals.${goalIndex}.objectives.${o}.criteria`} label={t("fields.criteria")} />
            <TextInput path={`goals.${goalIndex}.objectives.${o}.evaluation`} label={t("fields.evaluation")} />
            <TextInput path={`goals.${goalIndex}.objectives.${o}.schedule`} label={t("fields.objectiveSchedule")} />
          </div>
          <MeasureFields path={`goals.${goalIndex}.objectives.${o}`} />
        </ItemBox>
      ))}
      <AddButton onClick={() => append({ id: newId(), text: "", criteria: "", evaluation: "", schedule: "" })}>
        {t("fields.addObjective")}
      </AddButton>
    </div>
  );
}

function Goals({
  searchGoalBank,
}: {
  searchGoalBank: (input: { q: string; category: string }) => Promise<ActionResult<GoalBankItem[]>>;
}) {
  const t = useTranslations("plans");
  const { control } = useFormContext<IepContent>();
  const { fields, append, remove } = useFieldArray({ control, name: "goals", keyName: "key" });
  const blank = (from?: GoalBankItem) => ({
    id: newId(),
    area: (from && (GOAL_AREAS as readonly string[]).includes(from.area)
      ? from.area
      : "") as IepContent["goals"][number]["area"],
    text: from?.text ?? "",
    baseline: "",
    target: "",
    measurement: from?.measurement ?? "",
    schedule: "",
    measure: emptyMeasure(),
    objectives: (from?.objectives ?? []).map((text) => ({
      id: newId(),
      text,
      criteria: "",
      evaluation: "",
      schedule: "",
    })),
  });
  return (
    <SectionCard id="goals" title={t("fields.goals")}>
      <div id="field-goals" />
      {fields.map((field, g) => (
        <ItemBox
          key={field.key}
          title={t("fields.goalN", { n: g + 1 })}
          onRemove={() => remove(g)}
          removeLabel={`${t("editor.remove")} ${t("fields.goalN", { n: g + 1 })}`}
        >
          <Select
            path={`goals.${g}.area`}
            label={t("fields.area")}
            placeholder={t("options.choose")}
            options={GOAL_AREAS.map((a) => ({ value: a, label: t(`options.area.${a}`) }))}
          />
          <TextArea path={`goals.${g}.text`} label={t("fields.goalText")} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextInput path={`goals.${g}.baseline`} label={t("fields.baseline")} />
            <TextInput path={`goals.${g}.target`} label={t("fields.target")} />
            <TextInput path={`goals.${g}.measurement`} label={t("fields.measurement")} />
            <TextInput path={`goals.${g}.schedule`} label={t("fields.schedule")} />
          </div>
          <MeasureFields path={`goals.${g}`} />
          <Objectives goalIndex={g} />
        </ItemBox>
      ))}
      <AddButton onClick={() => append(blank())}>{t("fields.addGoal")}</AddButton>
      <BankPicker
        openLabel={t("bank.openGoals")}
        search={searchGoalBank}
        onInsert={(item) => append(blank(item))}
        describe={(item) => item.measurement}
      />
    </SectionCard>
  );
}

function Services({ providers }: { providers: { id: string; name: string }[] }) {
  const t = useTranslations("plans");
  const { control } = useFormContext<IepContent>();
  const { fields, append, remove } = useFieldArray({ control, name: "services", keyName: "key" });
  return (
    <SectionCard id="services" title={t("fields.services")}>
      <div id="field-services" />
      {fields.map((field, i) => (
        <ItemBox
          key={field.key}
          title={t("fields.serviceN", { n: i + 1 })}
          onRemove={() => remove(i)}
          removeLabel={`${t("editor.remove")} ${t("fields.serviceN", { n: i + 1 })}`}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <Select
              path={`services.${i}.category`}
              label={t("fields.category")}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`options.category.${c}`) }))}
            />
            <TextInput path={`services.${i}.type`} label={t("fields.serviceType")} />
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextInput path={`services.${i}.minutes`} label={t("fields.minutes")} inputMode="numeric" />
            <Select
              path={`services.${i}.frequency`}
              label={t("fields.frequency")}
              options={SERVICE_FREQUENCIES.map((f) => ({ value: f, label: t(`options.frequency.${f}`) }))}
            />
            <Select
              path={`services.${i}.location`}
              label={t("fields.location")}
              options={SERVICE_LOCATIONS.map((l) => ({ value: l, label: t(`options.location.${l}`) }))}
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Select
              path={`services.${i}.providerUserId`}
              label={t("fields.provider")}
              placeholder={t("fields.providerNone")}
              options={providers.map((p) => ({ value: p.id, label: p.name }))}
            />
            <TextInput path={`services.${i}.providerName`} label={t("fields.providerName")} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextInput path={`services.${i}.startDate`} type="date" label={t("fields.startDate")} />
            <TextInput path={`services.${i}.endDate`} type="date" label={t("fields.endDate")} />
          </div>
        </ItemBox>
      ))}
      <AddButton
        onClick={() =>
          append({
            id: newId(),
            category: "special_education",
            type: "",
            minutes: "",
            frequency: "week",
            location: "special_education",
            providerUserId: "",
            providerName: "",
            startDate: "",
            endDate: "",
          })
        }
      >
        {t("fields.addService")}
      </AddButton>
    </SectionCard>
  );
}

function Implementers() {
  const t = useTranslations("plans");
  const { control } = useFormContext<IepContent>();
  const { fields, append, remove } = useFieldArray({ control, name: "implementers", keyName: "key" });
  return (
    <SectionCard id="implementers" title={t("fields.implementers")}>
      <div id="field-implementers" />
      {fields.map((field, i) => (
        <ItemBox
          key={field.key}
          title={t("fields.implementerN", { n: i + 1 })}
          onRemove={() => remove(i)}
          removeLabel={`${t("editor.remove")} ${t("fields.implementerN", { n: i + 1 })}`}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextInput path={`implementers.${i}.name`} label={t("fields.implementerName")} />
            <TextInput path={`implementers.${i}.role`} label={t("fields.implementerRole")} />
          </div>
        </ItemBox>
      ))}
      <AddButton onClick={() => append({ id: newId(), name: "", role: "" })}>{t("fields.addImplementer")}</AddButton>
    </SectionCard>
  );
}

/**
 * When the parents get progress reports (D-13; 300.320(a)(3)(ii)): with report cards (nothing
 * chosen), every N weeks from the day the IEP takes effect, or on dates written here.
 */
function ProgressReporting() {
  const t = useTranslations("plans");
  const { control } = useFormContext<IepContent>();
  const kind = useWatch<IepContent, "progressReporting.kind">({ name: "progressReporting.kind" });
  const { fields, append, remove } = useFieldArray({ control, name: "progressReporting.dates", keyName: "key" });
  return (
    <SectionCard id="progressReporting" title={t("fields.progressReporting")}>
      <p className="text-sm text-slate-600">{t("fields.progressReportingHint")}</p>
      <Select
        path="progressReporting.kind"
        label={t("fields.reportingKind")}
        placeholder={t("options.reportingKind.report_cards")}
        options={(["weeks", "dates"] as const).map((value) => ({
          value,
          label: t(`options.reportingKind.${value}`),
        }))}
      />
      {kind === "weeks" && (
        <TextInput
          path="progressReporting.everyWeeks"
          label={t("fields.everyWeeks")}
          hint={t("fields.everyWeeksHint")}
          inputMode="numeric"
        />
      )}
      {kind === "dates" && (
        <div id="field-progressReporting-dates" className="space-y-3">
          <h4 className="font-medium">{t("fields.reportingDates")}</h4>
          <p className="text-sm text-slate-600">{t("fields.reportingDatesHint")}</p>
          {fields.map((field, i) => (
            <ItemBox
              key={field.key}
              title={t("fields.reportingDateN", { n: i + 1 })}
              onRemove={() => remove(i)}
              removeLabel={`${t("editor.remove")} ${t("fields.reportingDateN", { n: i + 1 })}`}
            >
              <TextInput
                path={`progressReporting.dates.${i}.date`}
                type="date"
                label={t("fields.reportingDateN", { n: i + 1 })}
              />
            </ItemBox>
          ))}
          {fields.length < MAX_REPORTING_DATES && (
            <AddButton onClick={() => append({ id: newId(), date: "" })}>{t("fields.addReportingDate")}</AddButton>
          )}
        </div>
      )}
    </SectionCard>
  );
}

/** Every section of a Connecticut IEP draft. */
export function IepFields({
  birthDate,
  transitionAge,
  providers,
  searchAccommodationBank,
  searchGoalBank,
}: {
  birthDate: string;
  transitionAge: number;
  providers: { id: string; name: string }[];
  searchAccommodationBank: (input: { q: string; category: string }) => Promise<ActionResult<AccommodationBankItem[]>>;
  searchGoalBank: (input: { q: string; category: string }) => Promise<ActionResult<GoalBankItem[]>>;
}) {
  const t = useTranslations("plans");
  const meetingDate = useWatch<IepContent, "meetingDate">({ name: "meetingDate" });
  const hours = useWatch<IepContent, "lre">({ name: "lre" });
  const transitionRequired =
    /^\d{4}-\d{2}-\d{2}$/.test(meetingDate ?? "") && turnsAgeDuringPlan(birthDate, meetingDate, transitionAge);
  const total = Number(hours?.schoolHoursPerWeek);
  const peers = Number(hours?.hoursWithPeers);
  return (
    <div className="space-y-6">
      <SectionCard id="basics" title={t("fields.sectionBasics")}>
        <TextInput path="meetingDate" type="date" label={t("fields.meetingDate")} />
        <TextArea
          path="presentLevels"
          label={t("fields.presentLevels")}
          hint={t("fields.presentLevelsHint")}
          rows={6}
        />
        <TextArea path="parentConcerns" label={t("fields.parentConcerns")} />
      </SectionCard>
      <Goals searchGoalBank={searchGoalBank} />
      <ProgressReporting />
      <Services providers={providers} />
      <AccommodationFields withResponsible={false} searchBank={searchAccommodationBank} />
      <SectionCard id="lre" title={t("fields.lre")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextInput path="lre.schoolHoursPerWeek" label={t("fields.schoolHoursPerWeek")} inputMode="numeric" />
          <TextInput path="lre.hoursWithPeers" label={t("fields.hoursWithPeers")} inputMode="numeric" />
        </div>
        {total > 0 && peers <= total && (
          <p className="text-sm text-slate-700">
            {t("fields.peersPercent", { percent: Math.round((peers / total) * 100) })}
          </p>
        )}
        <TextArea path="lre.explanation" label={t("fields.lreExplanation")} />
      </SectionCard>
      <SectionCard id="transition" title={t("fields.transition")}>
        <p className={transitionRequired ? "font-medium text-amber-900" : "text-sm text-slate-600"}>
          {transitionRequired
            ? t("fields.transitionRequired", { age: transitionAge })
            : t("fields.transitionOptional", { age: transitionAge })}
        </p>
        <TextArea path="transition.assessments" label={t("fields.transitionAssessments")} rows={2} />
        <TextArea path="transition.postsecondaryEducation" label={t("fields.postsecondaryEducation")} rows={2} />
        <TextArea path="transition.employment" label={t("fields.employment")} rows={2} />
        <TextArea path="transition.independentLiving" label={t("fields.independentLiving")} rows={2} />
        <TextArea path="transition.services" label={t("fields.transitionServices")} rows={2} />
        <TextArea
          path="transition.rightsTransfer"
          label={t("fields.rightsTransfer")}
          hint={t("fields.rightsTransferHint")}
          rows={2}
        />
      </SectionCard>
      <Implementers />
    </div>
  );
}
