import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { PERSONAS, storageStateFor, type PersonaKey } from "./personas";

/** A new browser context signed in as the persona (its saved storage state) and a page in it. */
export async function signedIn(browser: Browser, persona: PersonaKey) {
  const context = await browser.newContext({ storageState: storageStateFor(persona) });
  return { context, page: await context.newPage() };
}

/**
 * The page has rendered (its h1 is visible) and axe finds no serious or critical WCAG 2.1 A/AA
 * violation; a failure lists each rule with the elements it flagged.
 */
export async function expectAccessible(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Schedules a meeting on `date` (a PPT or a 504 team meeting) for the student, sends its notice and
 * records it as held with everyone attending. A PPT notice is due 5 school days ahead, so the parent's
 * written agreement to a shorter notice is checked; a 504 team meeting's is not.
 */
export async function holdMeeting(
  page: Page,
  studentId: string,
  meeting: {
    kind: "iep" | "504";
    date: string;
    time: string;
    place: string;
    purposes: string[];
    team: { name: string; role: string }[];
    others: { name: string; role: string }[];
    decisions: string;
  },
) {
  await page.goto(`/students/${studentId}/meetings`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Schedule the meeting" }) });
  await form.getByLabel("Kind").selectOption(meeting.kind);
  await form.getByLabel("Date").fill(meeting.date);
  await form.getByLabel("Time").fill(meeting.time);
  await form.getByLabel("Place").fill(meeting.place);
  for (const purpose of meeting.purposes) await form.getByRole("checkbox", { name: purpose, exact: true }).check();
  for (const member of meeting.team) {
    await form.getByRole("checkbox", { name: member.name }).check();
    await form.getByLabel(`Role of ${member.name}`).selectOption(member.role);
  }
  for (const [index, other] of meeting.others.entries()) {
    await form.getByRole("button", { name: "Add another person" }).click();
    await form.getByLabel(`Other person ${index + 1}: name`).fill(other.name);
    await form.getByLabel(`Other person ${index + 1}: role`).selectOption(other.role);
  }
  await form.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(page).toHaveURL(new RegExp(`/students/${studentId}/meetings/[0-9a-f-]{36}$`));
  if (meeting.kind === "iep")
    await page.getByRole("checkbox", { name: "The parent agreed in writing to a shorter notice" }).check();
  await page.getByRole("button", { name: "Send the notice" }).click();
  await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();
  const hold = page.locator("form").filter({ has: page.getByRole("button", { name: "Record the meeting as held" }) });
  for (const checkbox of await hold.getByRole("checkbox", { name: / attended$/ }).all()) await checkbox.check();
  await hold.getByLabel("Decisions").fill(meeting.decisions);
  await hold.getByRole("button", { name: "Record the meeting as held" }).click();
  await expect(page.getByRole("heading", { name: "Record the meeting as held" })).toHaveCount(0);
  await expect(page.getByText(meeting.decisions)).toBeVisible();
}

/**
 * A PPT at Riverbend High in the cross-role flows: the case manager and the principal (district
 * representative) on the team, a general education teacher and an evaluator as other participants.
 */
export const RIVERBEND_PPT = {
  kind: "iep",
  place: "Riverbend High, student services office",
  team: [
    { name: PERSONAS.caseManagerHigh.name, role: "special_education_teacher" },
    { name: PERSONAS.principalHigh.name, role: "district_representative" },
  ],
  others: [
    { name: "Mr. Daniel Osei", role: "general_education_teacher" },
    { name: "Dr. Ana Ruiz", role: "evaluation_interpreter" },
  ],
} as const satisfies Partial<Parameters<typeof holdMeeting>[2]>;
