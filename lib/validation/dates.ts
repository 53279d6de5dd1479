import { text } from "./text";
import { parseIsoDate } from "@/lib/compliance/dates";

/** The years a date in a student record may fall in; anything else is a typing error. */
export const DATE_YEARS = { min: 1900, max: 2999 } as const;

/** Whether `value` is a real `YYYY-MM-DD` date within {@link DATE_YEARS} (no year 0000, no 30 February). */
export function isRecordDate(value: string): boolean {
  const parts = parseIsoDate(value);
  return parts !== null && parts.year >= DATE_YEARS.min && parts.year <= DATE_YEARS.max;
}

/**
 * The one date schema of every form and action: a real `YYYY-MM-DD` date (the format of
 * `<input type="date">`) between 1900 and 2999, else the given field message. Impossible dates
 * (`2026-02-30`) and year `0000` never reach the database.
 */
export const isoDateField = (message = "validation.date") =>
  text({ message })
    .trim()
    .refine((value) => isRecordDate(value), { message });
