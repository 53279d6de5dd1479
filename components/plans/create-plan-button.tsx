"use client";

import type { ActionResult } from "@/lib/actions/types";
import { ActionButton } from "../ui/action-button";

/** Opens a new plan of a type for a student and goes straight to its first draft. */
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
  }) => Promise<ActionResult<{ planId: string; versionId: string }>>;
}) {
  return (
    <ActionButton
      action={action}
      input={{ studentId, type }}
      label={label}
      onSuccess={(data, router) => router.push(`/plans/${data.planId}/versions/${data.versionId}/edit`)}
    />
  );
}
