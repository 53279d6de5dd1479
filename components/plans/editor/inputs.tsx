"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { get, useFormContext, type FieldValues } from "react-hook-form";
import { Field, inputClass } from "../../ui/field";
import { messageKey } from "@/lib/i18n/keys";

/** DOM id of a form field from its path (`goals.0.text` → `field-goals-0-text`); the missing list links to it. */
export const fieldId = (path: string) => `field-${path.replace(/\./g, "-")}`;

function useFieldError(path: string): string | undefined {
  const t = useTranslations();
  const {
    formState: { errors },
  } = useFormContext<FieldValues>();
  const message = (get(errors, path) as { message?: string } | undefined)?.message;
  return message ? t(messageKey(message)) : undefined;
}

function Shell({
  path,
  label,
  hint,
  error,
  children,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <Field id={fieldId(path)} label={label} hint={hint} errors={error ? [error] : undefined}>
      {children}
    </Field>
  );
}

function describedBy(path: string, hint: boolean, error: boolean) {
  const id = fieldId(path);
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextInput({
  path,
  label,
  hint,
  type = "text",
  inputMode,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "date";
  inputMode?: "numeric" | "decimal";
}) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(path);
  return (
    <Shell path={path} label={label} hint={hint} error={error}>
      <input
        id={fieldId(path)}
        type={type}
        inputMode={inputMode}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, Boolean(hint), Boolean(error))}
        {...register(path)}
      />
    </Shell>
  );
}

export function TextArea({
  path,
  label,
  hint,
  rows = 3,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
}) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(path);
  return (
    <Shell path={path} label={label} hint={hint} error={error}>
      <textarea
        id={fieldId(path)}
        rows={rows}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, Boolean(hint), Boolean(error))}
        {...register(path)}
      />
    </Shell>
  );
}

export function Select({
  path,
  label,
  options,
  placeholder,
}: {
  path: string;
  label: ReactNode;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(path);
  return (
    <Shell path={path} label={label} error={error}>
      <select
        id={fieldId(path)}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, false, Boolean(error))}
        {...register(path)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function Checkbox({ path, label }: { path: string; label: ReactNode }) {
  const { register } = useFormContext<FieldValues>();
  return (
    <label htmlFor={fieldId(path)} className="inline-flex items-center gap-2 text-sm">
      <input id={fieldId(path)} type="checkbox" className="h-4 w-4" {...register(path)} />
      {label}
    </label>
  );
}

/** A bordered group for one repeated item, with its heading and a remove button. */
export function ItemBox({
  title,
  onRemove,
  removeLabel,
  children,
}: {
  title: string;
  onRemove: () => void;
  removeLabel: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-300 p-4">
      <legend className="px-1 font-semibold">{title}</legend>
      {children}
      <button type="button" onClick={onRemove} className="text-sm text-red-800 underline underline-offset-2">
        {removeLabel}
      </button>
    </fieldset>
  );
}

export function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded-md border border-dashed border-brand-600 px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50"
    >
      + {children}
    </button>
  );
}

export function SectionCard({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
