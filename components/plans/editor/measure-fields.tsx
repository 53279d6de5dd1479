"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch, type FieldValues } from "react-hook-form";
import { inputClass } from "../../ui/field";
import { keyIn } from "@/lib/i18n/keys";
import {
  emptyMeasure,
  MEASURE_DIRECTIONS,
  MEASURE_UNITS,
  measureIssues,
  type MeasureDraft,
} from "@/lib/validation/goal-measure";
import { fieldId, Select, TextInput } from "./inputs";

/**
 * The structured measure of a goal or objective (`<path>.measure`): unit, direction, baseline value
 * and date, target, rubric levels. A goal written before measures has none until a unit is chosen;
 * the editor suggests one. Problems (PM-1) are listed as the author types; finalizing refuses them.
 */
export function MeasureFields({ path }: { path: string }) {
  const t = useTranslations("progress.measure");
  const { setValue } = useFormContext<FieldValues>();
  const measure = useWatch({ name: `${path}.measure` }) as MeasureDraft | undefined;
  const unitId = fieldId(`${path}.measure.unit`);
  const levelsId = fieldId(`${path}.measure.rubricLevels`);
  const issues = measure ? measureIssues(measure) : [];
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{t("fields.legend")}</legend>
      {(!measure || measure.unit === "") && <p className="text-sm text-slate-700">{t("fields.suggest")}</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={unitId} className="block text-sm font-medium text-slate-800">
            {t("fields.unit")}
          </label>
          <select
            id={unitId}
            className={inputClass}
            value={measure?.unit ?? ""}
            onChange={(e) =>
              setValue(
                `${path}.measure`,
                { ...(measure ?? emptyMeasure()), unit: e.target.value as MeasureDraft["unit"] },
                { shouldDirty: true },
              )
            }
          >
            <option value="">{t("fields.noUnit")}</option>
            {MEASURE_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`unit.${unit}`)}
              </option>
            ))}
          </select>
        </div>
        {measure && measure.unit !== "" && measure.unit !== "qualitative" && (
          <>
            <Select
              path={`${path}.measure.direction`}
              label={t("fields.direction")}
              options={MEASURE_DIRECTIONS.map((d) => ({
                value: d,
                label: t(keyIn("progress.measure", `direction.${d}`)),
              }))}
            />
            <TextInput path={`${path}.measure.baselineValue`} label={t("fields.baselineValue")} inputMode="decimal" />
            <TextInput path={`${path}.measure.baselineDate`} label={t("fields.baselineDate")} type="date" />
            <TextInput path={`${path}.measure.targetValue`} label={t("fields.targetValue")} inputMode="decimal" />
          </>
        )}
      </div>
      {measure?.unit === "rubric" && (
        <div className="space-y-1">
          <label htmlFor={levelsId} className="block text-sm font-medium text-slate-800">
            {t("fields.rubricLevels")}
          </label>
          <p id={`${levelsId}-hint`} className="text-sm text-slate-600">
            {t("fields.rubricHint")}
          </p>
          <textarea
            id={levelsId}
            rows={4}
            className={inputClass}
            aria-describedby={`${levelsId}-hint`}
            value={measure.rubricLevels.join("\n")}
            onChange={(e) =>
              setValue(`${path}.measure.rubricLevels`, e.target.value.split("\n"), { shouldDirty: true })
            }
          />
        </div>
      )}
      {issues.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-amber-900" aria-live="polite">
          {issues.map((issue) => (
            <li key={`${issue.field}-${issue.key}`}>{t(keyIn("progress.measure", `issues.${issue.key}`))}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
