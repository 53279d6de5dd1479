import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD, PERSONAS, SIGNED_IN, storageStateFor } from "./personas";

for (const key of SIGNED_IN) {
  setup(`sign in as ${key}`, async ({ page }) => {
    const persona = PERSONAS[key];
    await page.goto("/sign-in");
    await page.locator("#email").fill(persona.email);
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(persona.name);
    await page.context().storageState({ path: storageStateFor(key) });
  });
}
