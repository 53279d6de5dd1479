import type { DeadlineStatus } from "@/lib/compliance";

/**
 * The status to show for a stored deadline: the engine's, except that a rule completed by hand
 * (see `isManuallyCompletable`) is `met` when its completion date is on or before the due date and
 * `late` after it.
 */
export function effectiveStatus(row: {
  status: DeadlineStatus;
  due: string | null;
  completedOn: string | null;
}): DeadlineStatus {
  if (row.status !== "open" || row.completedOn === null) return row.status;
  return row.due === null || row.completedOn <= row.due ? "met" : "late";
}
