"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldPath, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";

/**
 * A react-hook-form form validated by the same zod schema as its server action: on submit it runs
 * an optional client check, calls the action, puts the server's field errors on their fields (or
 * in the form error when the field is not in the form), and refreshes the page on success.
 */
export function useServerForm<S extends z.ZodType<unknown, FieldValues>, R = unknown>(options: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  action: (input: z.output<S>) => Promise<ActionResult<R>>;
  check?: (values: z.output<S>) => Record<string, string[]>;
  onSuccess?: (data: R, values: z.output<S>) => void;
}) {
  type Input = z.input<S> & FieldValues;
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Input, unknown, z.output<S>>({
    resolver: zodResolver(options.schema) as unknown as Resolver<Input, unknown, z.output<S>>,
    defaultValues: options.defaultValues,
  });
  const known = (field: string) => Object.prototype.hasOwnProperty.call(form.getValues(), field.split(".")[0]!);
  const applyErrors = (fieldErrors: Record<string, string[]>) => {
    for (const [field, keys] of Object.entries(fieldErrors)) {
      if (known(field)) form.setError(field as FieldPath<Input>, { message: keys[0] });
      else setFormError(keys[0] ?? "errors.VALIDATION");
    }
  };
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    const problems = options.check?.(values) ?? {};
    if (Object.keys(problems).length > 0) return applyErrors(problems);
    const result = await options.action(values);
    if (result.ok) {
      setSaved(true);
      options.onSuccess?.(result.data, values);
      router.refresh();
      return;
    }
    applyErrors(result.fieldErrors ?? {});
    if (result.formError) setFormError(result.formError);
  });
  /** The message key of a field's error (dotted path), if any. */
  const errorKey = (name: string): string | undefined => {
    const error = name
      .split(".")
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], form.formState.errors) as
      { message?: string } | undefined;
    return error?.message;
  };
  return { form, onSubmit, formError, saved, setSaved, errorKey };
}
