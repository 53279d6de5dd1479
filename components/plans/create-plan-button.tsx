"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { newId } from "@/lib/validation/new-id";
import { ActionButton } from "../ui/action-button";

/**
 * Opens a new plan of a type for a student and goes straight to its first draft. A double click
 * sends the same submission key twice, so it opens one plan.
 */
export function CreatePlanButton({
  studentId,
  type,
  label,
  action,
}: {
  studentId: string;
  type: "iep" | "504";
  label: string;
  action: (input: {
    studentId: string;
    type: "iep" | "504";
    submissionKey: string;
  }) => Promise<ActionResult<{ planId: string; versionId: string }>>;
}) {
  const [submissionKey] = useState(newId);
  return (
    <ActionButton
      action={action}
      input={{ studentId, type, submissionKey }}
      label={label}
      onSuccess={(data, router) => router.push(`/plans/${data.planId}/versions/${data.versionId}/edit`)}
    />
  );
}
