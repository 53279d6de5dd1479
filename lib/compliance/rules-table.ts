import {
  complianceSettingBounds,
  defaultComplianceSettings,
  ruleAmount,
  ruleDescription,
  type ComplianceSettings,
  type DeadlineRule,
  type DeadlineUnit,
  type EventFilter,
  type SettingBounds,
} from "./rules";

const unitWords: Record<DeadlineUnit, [singular: string, plural: string]> = {
  school: ["school day", "school days"],
  calendar: ["calendar day", "calendar days"],
  months: ["month", "months"],
  years: ["year", "years"],
  birthday: ["birthday", "birthday"],
  report_card: ["report-card date", "report-card dates"],
};

function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffixes: Record<number, string> = { 1: "st", 2: "nd", 3: "rd" };
  const suffix = suffixes[n % 10] ?? "th";
  return `${n}${suffix}`;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function amountText(rule: DeadlineRule, settings: ComplianceSettings): string {
  if (rule.unit === "report_card") return "each report-card date";
  const amount = ruleAmount(rule, settings);
  const [singular, plural] = unitWords[rule.unit];
  const text =
    rule.unit === "birthday" ? `${ordinal(amount)} ${singular}` : `${amount} ${amount === 1 ? singular : plural}`;
  const direction = rule.direction === "before" ? " before" : "";
  const bounds: SettingBounds | undefined =
    rule.amountSetting === undefined ? undefined : complianceSettingBounds[rule.amountSetting];
  const legal = bounds?.legal
    ? `, ${bounds.legal.bound === "min" ? "at least" : "at most"} ${bounds[bounds.legal.bound]} by law`
    : "";
  const setting = rule.amountSetting === undefined ? "" : ` (setting \`${rule.amountSetting}\`${legal})`;
  return `${text}${direction}${setting}`;
}

const code = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(" or ");

function filterText(filter: EventFilter): string[] {
  const parts: string[] = [];
  if (filter.consents) parts.push(`(${code(filter.consents)})`);
  if (filter.eligibilityKinds) parts.push(`(\`kind\` ${code(filter.eligibilityKinds)})`);
  if (filter.eligible !== undefined) parts.push(`(\`eligible\` ${String(filter.eligible)})`);
  if (filter.purposes) parts.push(`(\`purposes\` include ${code(filter.purposes)})`);
  if (filter.pwnActions) parts.push(`(\`action\` ${code(filter.pwnActions)})`);
  if (filter.pwnSubjects) parts.push(`(\`subject\` ${code(filter.pwnSubjects)})`);
  return parts;
}

function triggerText(rule: DeadlineRule): string {
  const { trigger } = rule;
  if (trigger.kind === "reportCard") {
    const ends = rule.endsWith === "exit" ? " until `exited`" : "";
    return `each date of \`calendar.reportCardDates\` after an \`iep_implemented\`${ends}; met by \`progress_report_sent\``;
  }
  if (trigger.kind === "birthday") {
    const parts = ["`student.birthDate`"];
    if (trigger.whileInIep) parts.push("(only with an IEP on the birthday)");
    if (trigger.dueAtReviewWithinDays !== undefined) {
      parts.push(`(or the annual review within ${trigger.dueAtReviewWithinDays} days before it)`);
    }
    return parts.join(" ");
  }
  const parts = [`${rule.occurrence === "latest" ? "latest " : ""}\`${trigger.event}\``, ...filterText(trigger)];
  if (rule.countFrom === "meetingDate") parts.push("(counted from `meetingDate`)");
  if (rule.agreedDateField) parts.push(`(\`${rule.agreedDateField}\` when given)`);
  if (rule.capAtBirthday) parts.push(`(\`${rule.capAtBirthday.flag}\`: by birthday ${rule.capAtBirthday.age})`);
  if (rule.ceilingCalendarDays !== undefined) parts.push(`(at most ${rule.ceilingCalendarDays} calendar days)`);
  if (rule.endsWith !== undefined) parts.push(`(ends at \`${rule.endsWith === "exit" ? "exited" : rule.endsWith}\`)`);
  return parts.join(" ");
}

/**
 * Renders a rule set as a Markdown table, one row per rule in rule order, with the columns rule id,
 * plain-English meaning, unit, amount (with the setting that changes it), trigger, citation and
 * verification tag. Amounts are those in effect under `settings` (the CT defaults when omitted).
 * The output depends only on its arguments (no dates, no environment), ends with a newline, and
 * escapes `|` inside cells, so a README can embed it verbatim and a test can compare it.
 */
export function renderRulesMarkdown(
  rules: readonly DeadlineRule[],
  settings: ComplianceSettings = defaultComplianceSettings,
): string {
  const header = ["Rule", "What it means", "Unit", "Default amount", "Trigger", "Citation", "Tag"];
  const rows = rules.map((rule) => [
    rule.id,
    `**${rule.title}.** ${ruleDescription(rule, settings)}`,
    rule.unit,
    amountText(rule, settings),
    triggerText(rule),
    rule.citation,
    rule.tag,
  ]);
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n") + "\n";
}
