import { addDays, isValidIsoDate } from "@/lib/compliance/dates";

/** The report range from query parameters: valid dates in order, at most a year, defaulting to the last four weeks. */
export function evidenceRange(
  query: Record<string, string | string[] | undefined | null>,
  today: string,
): { from: string; to: string } {
  const to = typeof query.to === "string" && isValidIsoDate(query.to) && query.to <= today ? query.to : today;
  const fallback = addDays(to, -28);
  const from =
    typeof query.from === "string" && isValidIsoDate(query.from) && query.from <= to && query.from >= addDays(to, -366)
      ? query.from
      : fallback;
  return { from, to };
}
