"use client";

import { useId, type ReactNode } from "react";
import { Button } from "../ui/button";
import { FormAlerts } from "./form-alerts";

const LAYOUTS = {
  /** A bordered card of its own under a section's h2 (a section's form): an h3 title. */
  card: { form: "space-y-3 rounded-md border border-slate-200 p-3", intro: "text-sm text-slate-700", heading: "h3" },
  /**
   * A form under a line inside a list item that already sets the text size and has its own h3 (a plan
   * end's actions): an h4 title.
   */
  divided: { form: "space-y-2 border-t border-slate-200 pt-3", intro: "text-slate-700", heading: "h4" },
  /** A form that is the whole of its section under the section's heading (a settings page's form). */
  plain: { form: "space-y-4", intro: "text-sm text-slate-700", heading: "h3" },
} as const;

/**
 * The frame of a server form from `useServerForm`: the form element labelled by its title, the title
 * (its level set by the layout), an intro, an optional notice, the form-level alerts
 * (`FormAlerts`), the controls, and the submit button. Without a title the form has no heading or label.
 */
export function FormFrame({
  title,
  intro,
  notice,
  layout = "card",
  onSubmit,
  formError,
  saved,
  savedKey,
  submitLabel,
  submitDisabled,
  submitVariant,
  submitClassName,
  children,
}: {
  title?: string;
  intro?: string;
  notice?: ReactNode;
  layout?: keyof typeof LAYOUTS;
  onSubmit: () => void;
  formError: string | null;
  saved: boolean;
  savedKey: string;
  /** The submit button's text; null for a form that offers no submit (nothing to choose from). */
  submitLabel: string | null;
  submitDisabled: boolean;
  submitVariant?: "primary" | "secondary";
  submitClassName?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const classes = LAYOUTS[layout];
  const Heading = classes.heading;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={title === undefined ? undefined : `${id}-title`}
      className={classes.form}
    >
      {title !== undefined && (
        <Heading id={`${id}-title`} className="font-medium">
          {title}
        </Heading>
      )}
      {intro !== undefined && <p className={classes.intro}>{intro}</p>}
      {notice}
      <FormAlerts formError={formError} saved={saved} savedKey={savedKey} />
      {children}
      {submitLabel !== null && (
        <Button type="submit" variant={submitVariant} className={submitClassName} disabled={submitDisabled}>
          {submitLabel}
        </Button>
      )}
    </form>
  );
}

/** What a `FormFrame` takes from `useServerForm`'s result. */
export interface FrameState {
  form: { formState: { isSubmitting: boolean } };
  onSubmit: () => void;
  formError: string | null;
  saved: boolean;
}

/** A `FormFrame`'s submit handler, alerts and disabled submit while the action runs, from `useServerForm`. */
export function frameState({ form, onSubmit, formError, saved }: FrameState) {
  return { onSubmit, formError, saved, submitDisabled: form.formState.isSubmitting };
}
