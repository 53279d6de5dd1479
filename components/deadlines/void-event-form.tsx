"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { InlineActionForm } from "../forms/inline-action-form";
import { inputClass } from "../ui/field";

/** Voids a case event: asks why, and the reason stays on file with the event. */
export function VoidEventForm({
  studentId,
  eventId,
  event,
  date,
  action,
}: {
  studentId: string;
  eventId: string;
  event: string;
  date: string;
  action: (input: { studentId: string; eventId: string; reason: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("deadlines.section");
  const [reason, setReason] = useState("");
  return (
    <InlineActionForm
      label={t("voidReason", { event, date })}
      submitLabel={t("voidSubmit")}
      field="reason"
      submit={() => action({ studentId, eventId, reason })}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className={`${inputClass} py-1`}
        />
      )}
    </InlineActionForm>
  );
}
