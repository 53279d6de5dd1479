"use client";

import type { ActionResult } from "@/lib/actions/types";
import { ActionButton } from "../ui/action-button";

/** Starts the progress report of one reporting period, then opens it. */
export function DraftReportButton({
  studentId,
  reportCardDate,
  label,
  action,
}: {
  studentId: string;
  reportCardDate: string;
  label: string;
  action: (input: { studentId: string; reportCardDate: string }) => Promise<ActionResult<{ reportId: string }>>;
}) {
  return (
    <ActionButton
      action={action}
      input={{ studentId, reportCardDate }}
      label={label}
      variant="primary"
      onSuccess={(data, router) => router.push(`/students/${studentId}/progress/reports/${data.reportId}`)}
    />
  );
}
