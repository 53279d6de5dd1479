import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { DEMO_PASSWORD, PERSONAS } from "./personas";

/**
 * Forgot password (the single-use link read from the outbox, as the mailer would send it), reset,
 * the link refused when reused, change password in Settings with its throttle. Every test has its
 * own account (a copy of a demo teacher's, same password), so the shared personas keep theirs.
 * Reading the outbox needs the PostgreSQL database the CI runs e2e on (E2E_DATABASE_URL).
 */
const databaseUrl = process.env.E2E_DATABASE_MIGRATION_URL || process.env.E2E_DATABASE_URL;
test.skip(!databaseUrl, "reads the outbox: needs E2E_DATABASE_URL (PostgreSQL)");
// Each test hashes several passwords (argon2id) and runs axe: more than the default 30 s on a busy runner.
test.slow();

/** One short connection per query (tests run in parallel workers; no connection outlives a test). */
async function withDb<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

const NEW_PASSWORD = "a brand new passphrase 42";

/** A fresh account with the demo password, in a demo teacher's district. */
async function dedicatedUser(label: string): Promise<string> {
  const email = `pw.${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@e2e.example`;
  await withDb(
    (sql) => sql`
      insert into users (district_id, email, name, role, password_hash)
      select district_id, ${email}, ${`Pat ${label}`}, role, password_hash from users where email = ${PERSONAS.teacherMaple4.email}`,
  );
  return email;
}

async function resetMails(email: string): Promise<string[]> {
  const rows = await withDb(
    (sql) => sql<{ body: string }[]>`
      select body from outbox where to_address = ${email} and kind = 'password_reset' order by created_at`,
  );
  return rows.map((r) => r.body);
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator('form button[type="submit"]').click();
}

async function askForLink(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.locator("#email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("If that address has an account, a link is on its way.")).toBeVisible();
}

async function setNewPassword(page: Page, path: string) {
  await page.goto(path);
  await page.locator("#newPassword").fill(NEW_PASSWORD);
  await page.locator("#confirmPassword").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();
}

test("forgot password: the e-mailed link sets a new password once, and is refused when reused", async ({ page }) => {
  const email = await dedicatedUser("reset");
  await page.goto("/forgot-password");
  await expectAccessible(page);
  await askForLink(page, email);
  const [mail] = await resetMails(email);
  const token = /\/reset-password\?token=([\w-]+)/.exec(mail ?? "")?.[1];
  expect(token).toBeTruthy();
  const link = `/reset-password?token=${token}`;

  await page.goto(link);
  await expectAccessible(page);
  await setNewPassword(page, link);
  await expect(page.getByText("Your password was changed and every session was signed out.")).toBeVisible();

  await setNewPassword(page, link);
  await expect(page.getByText("This link is not valid any more")).toBeVisible();

  await signIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  await signIn(page, email, NEW_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/");
});

test("forgot password is throttled per address: the fourth request sends nothing and says the same", async ({
  page,
}) => {
  const email = await dedicatedUser("throttle");
  for (let i = 0; i < 4; i++) await askForLink(page, email);
  expect(await resetMails(email)).toHaveLength(3);
});

test("change password in Settings: a wrong current password is refused, the right one works, five wrong lock the form", async ({
  page,
  browser,
}) => {
  const email = await dedicatedUser("change");
  await signIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/settings");
  await expectAccessible(page);
  const change = async (current: string, next: string) => {
    await page.locator("#currentPassword").fill(current);
    await page.locator("#newPassword").fill(next);
    await page.locator("#confirmPassword").fill(next);
    await page.getByRole("button", { name: "Change the password" }).click();
  };

  await change("not my password at all", NEW_PASSWORD);
  await expect(page.getByText("The current password is not right.")).toBeVisible();
  await change(DEMO_PASSWORD, NEW_PASSWORD);
  // The page rendered after the action reads the new session cookie: the user stays on Settings.
  await expect(page.getByText("Your password was changed. Your other sessions were signed out.")).toBeVisible({
    timeout: 20_000,
  });
  expect(new URL(page.url()).pathname).toBe("/settings");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, NEW_PASSWORD);
  await otherPage.waitForURL((url) => url.pathname === "/");
  await other.close();

  await page.goto("/settings");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await change(`wrong guess number ${attempt}`, "another passphrase 1234");
    await expect(page.getByText("The current password is not right.")).toBeVisible();
  }
  await change("wrong guess number 5", "another passphrase 1234");
  await expect(page.getByText("Too many wrong current passwords. Try again in 15 minutes.")).toBeVisible();
  await change(NEW_PASSWORD, "another passphrase 1234");
  await expect(page.getByText("Too many wrong current passwords. Try again in 15 minutes.")).toBeVisible();
});
