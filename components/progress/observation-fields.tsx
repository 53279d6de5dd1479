"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Field, inputClass } from "@/components/ui/field";

/** When, how and where an observation was made, and why it is entered late (one point or a session). */
export interface Observation {
  observedOn: string;
  method: string;
  setting: string;
  lateReason: string;
}

/** The observation's fields, starting on today. */
export function useObservation(today: string) {
  const [observation, setObservation] = useState<Observation>({
    observedOn: today,
    method: "",
    setting: "",
    lateReason: "",
  });
  const set = (field: keyof Observation) => (value: string) => setObservation((o) => ({ ...o, [field]: value }));
  return { observation, set };
}

const touch = "min-h-11";

/**
 * The shared field group of the goal entry form and the group-session screen: date (not after
 * today), method and setting in one grid — `between` goes after the date (the entry form's objective
 * and value) — then `after`, then the late-entry reason, shown once the date is not today (or it
 * has an error), with the district's number of school days in its hint.
 */
export function ObservationFields({
  id,
  today,
  backdateDays,
  observation,
  set,
  errors,
  gridClassName,
  between,
  after,
}: {
  id: string;
  today: string;
  backdateDays: number;
  observation: Observation;
  set: (field: keyof Observation) => (value: string) => void;
  errors: (field: string) => string[] | undefined;
  gridClassName: string;
  between?: ReactNode;
  after?: ReactNode;
}) {
  const t = useTranslations("progress");
  const invalid = (field: string) => (errors(field) ? true : undefined);
  return (
    <>
      <div className={gridClassName}>
        <Field id={`${id}-date`} label={t("entry.date")} errors={errors("observedOn")}>
          <input
            id={`${id}-date`}
            type="date"
            max={today}
            value={observation.observedOn}
            onChange={(e) => set("observedOn")(e.target.value)}
            className={`${inputClass} ${touch}`}
            aria-invalid={invalid("observedOn")}
          />
        </Field>
        {between}
        <Field id={`${id}-method`} label={t("entry.method")} errors={errors("method")}>
          <input
            id={`${id}-method`}
            type="text"
            value={observation.method}
            placeholder={t("entry.methodPlaceholder")}
            onChange={(e) => set("method")(e.target.value)}
            className={`${inputClass} ${touch}`}
            aria-invalid={invalid("method")}
          />
        </Field>
        <Field id={`${id}-setting`} label={t("entry.setting")} errors={errors("setting")}>
          <input
            id={`${id}-setting`}
            type="text"
            value={observation.setting}
            onChange={(e) => set("setting")(e.target.value)}
            className={`${inputClass} ${touch}`}
          />
        </Field>
      </div>
      {after}
      {(observation.observedOn !== today || errors("lateReason")) && (
        <Field
          id={`${id}-late`}
          label={t("entry.lateReason")}
          hint={t("entry.lateHint", { days: backdateDays })}
          errors={errors("lateReason")}
        >
          <input
            id={`${id}-late`}
            type="text"
            value={observation.lateReason}
            onChange={(e) => set("lateReason")(e.target.value)}
            className={`${inputClass} ${touch}`}
            aria-invalid={invalid("lateReason")}
          />
        </Field>
      )}
    </>
  );
}
