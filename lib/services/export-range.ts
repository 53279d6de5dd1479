import { addDays, isValidIsoDate } from "@/lib/compliance/dates";

/** Longest range one export may cover (a little over a year). */
export const MAX_EXPORT_DAYS = 400;

/**
 * The export range from query parameters: `from` and `to` (inclusive, `YYYY-MM-DD`), defaulting to
 * the 365 days up to today. A given value that is not a date, a `to` after today, a `from` after
 * `to` or a range longer than {@link MAX_EXPORT_DAYS} is an error naming the parameter (a 400).
 */
export function serviceExportRange(
  query: Record<string, string | undefined>,
  today: string,
): { range: { from: string; to: string } } | { error: string; path: "from" | "to" } {
  const to = query.to ?? today;
  if (!isValidIsoDate(to) || to > today) return { error: "invalid_date", path: "to" };
  const from = query.from ?? addDays(to, -365);
  if (!isValidIsoDate(from)) return { error: "invalid_date", path: "from" };
  if (from > to) return { error: "range_order", path: "from" };
  if (from < addDays(to, -MAX_EXPORT_DAYS)) return { error: "range_too_long", path: "from" };
  return { range: { from, to } };
}
