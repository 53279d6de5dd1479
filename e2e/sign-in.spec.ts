import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, PERSONAS, storageStateFor } from "./personas";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator('form button[type="submit"]').click();
}

test("a wrong password gets a clear message and keeps the e-mail typed", async ({ page }) => {
  await signIn(page, PERSONAS.teacherMaple4.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  await expect(page.locator("#email")).toHaveValue(PERSONAS.teacherMaple4.email);
});

test("the form validates fields before sending", async ({ page }) => {
  await page.goto("/sign-in");
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await page.locator("#email").fill("not-an-email");
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
});

test("an off-site callbackUrl is ignored after sign-in", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example.com%2F");
  await page.locator("#email").fill(PERSONAS.teacherMaple4.email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("a callbackUrl with a tab trick stays on the site after sign-in", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/%09/evil.example/phish");
  await page.locator("#email").fill(PERSONAS.teacherMaple4.email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("a callbackUrl with a newline or non-ASCII characters answers the sign-in page, not a 500", async ({ page }) => {
  for (const callback of ["/%0a/evil.example", "/%0d%0aSet-Cookie:x=1", "/%C3%A9l%C3%A8ve", "/\u00e9", "/%"]) {
    const response = await page.goto(`/sign-in?callbackUrl=${callback}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  }
});

test("the icon is served without a session, and plain HTTP gets no upgrade-insecure-requests", async ({ request }) => {
  const icon = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  const page = await request.get("/sign-in");
  expect(page.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
});

test("the sign-in page switches to Spanish", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
});

test("an unknown browser language falls back to English", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "xx-YY",
    extraHTTPHeaders: { "Accept-Language": "zz;q=1, *;q=0.1" },
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await context.close();
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  const response = await page.goto("/students/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test.describe.serial("account lifecycle (substitute teacher)", () => {
  const sub = PERSONAS.substitute;

  test("deactivation by the district admin signs the user out at once", async ({ browser }) => {
    const subContext = await browser.newContext();
    const subPage = await subContext.newPage();
    await signIn(subPage, sub.email, DEMO_PASSWORD);
    await subPage.waitForURL((url) => url.pathname === "/");
    await expect(subPage.getByRole("heading", { level: 1 })).toContainText(sub.name);

    const adminContext = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await adminContext.newPage();
    await adminPage.goto("/admin/staff");
    await adminPage.getByRole("button", { name: `Deactivate ${sub.name}` }).click();
    await expect(adminPage.getByRole("button", { name: `Reactivate ${sub.name}` })).toBeVisible();

    await subPage.reload();
    await expect(subPage).toHaveURL(/\/sign-in/);

    await adminPage.getByRole("button", { name: `Reactivate ${sub.name}` }).click();
    await expect(adminPage.getByRole("button", { name: `Deactivate ${sub.name}` })).toBeVisible();
    await subContext.close();
    await adminContext.close();
  });

  test("five failed sign-ins lock the account for 15 minutes, even with the right password", async ({ page }) => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(page, sub.email, `wrong-${attempt}`);
      await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
    }
    await signIn(page, sub.email, "wrong-5");
    await expect(page.getByRole("alert").filter({ hasText: "locked for 15 minutes" })).toBeVisible();
    await signIn(page, sub.email, DEMO_PASSWORD);
    await expect(page.getByRole("alert").filter({ hasText: "locked for 15 minutes" })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("sign-out ends the session", async ({ page, browser }) => {
  await signIn(page, PERSONAS.teacherMaple4.email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/");
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.endsWith("authjs.session-token"))).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  // A copy of the cookie taken before signing out no longer works anywhere.
  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const replayPage = await replay.newPage();
  await replayPage.goto("/");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await expect(replayPage.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await replay.close();
});

test("bad requests get a 4xx, never a 500: an oversized body, wrong types in an action payload", async ({ page }) => {
  let action: { url: string; id: string } | undefined;
  page.on("request", (r) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id) action = { url: r.url(), id };
  });
  await signIn(page, "nobody@riverbend.example.org", "wrong password");
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  expect(action).toBeDefined();
  const headers = { "next-action": action!.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" };
  const oversized = await page.request.post(action!.url, {
    headers,
    data: JSON.stringify([{ email: "a@b.example", password: "x".repeat(1_200_000) }]),
  });
  expect(oversized.status()).toBe(413);
  const wrongTypes = await page.request.post(action!.url, {
    headers,
    data: JSON.stringify([{ email: 42, password: ["x"] }]),
  });
  expect(wrongTypes.status()).toBe(200);
  expect(await wrongTypes.text()).toContain('"code":"VALIDATION"');
});
