"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, inputClass } from "../ui/field";

/**
 * A labelled select of a server form with its error list: the control's wiring comes from
 * `useFieldMessages` (`control(name)`), its registration from react-hook-form. With `empty`, an empty
 * list shows that sentence instead of a select with nothing to choose; `placeholder` adds a first,
 * empty choice.
 */
export function SelectField({
  label,
  control,
  errors,
  register,
  options,
  empty,
  placeholder,
}: {
  label: string;
  control: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };
  errors: string[] | undefined;
  register: UseFormRegisterReturn | undefined;
  options: readonly { value: string; label: string }[];
  empty?: string;
  placeholder?: string;
}) {
  if (empty !== undefined && options.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <Field id={control.id} label={label} errors={errors}>
      <select {...control} {...register} className={inputClass}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
