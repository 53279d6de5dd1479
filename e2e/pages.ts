import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { storageStateFor, type PersonaKey } from "./personas";

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
