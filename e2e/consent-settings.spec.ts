import { expect, test } from "@playwright/test";
import { storageStateFor } from "./personas";

test.describe("district consent settings ([U], district admin)", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the admin allows partial consent for one type, sees it saved after a reload, and turns it off again", async ({
    page,
  }) => {
    await page.goto("/admin/settings");
    const card = page.locator("form").filter({ has: page.getByRole("button", { name: "Save consent settings" }) });
    const medicaid = card.getByRole("checkbox", { name: "Using public benefits (Medicaid)" });
    const written504 = card.getByRole("checkbox", {
      name: "A 504 plan takes effect only with the parent's written consent to the plan",
    });
    await expect(written504).not.toBeChecked();
    await expect(medicaid).not.toBeChecked();

    await medicaid.check();
    await card.getByRole("button", { name: "Save consent settings" }).click();
    await expect(page.getByText("Consent settings saved.")).toBeVisible();
    await page.reload();
    await expect(medicaid).toBeChecked();
    await expect(written504).not.toBeChecked();

    await medicaid.uncheck();
    await card.getByRole("button", { name: "Save consent settings" }).click();
    await expect(page.getByText("Consent settings saved.")).toBeVisible();
    await page.reload();
    await expect(medicaid).not.toBeChecked();
  });

  test("the admin changes the service shortfall threshold; an out-of-range value gets its message and nothing is saved", async ({
    page,
  }) => {
    await page.goto("/admin/settings");
    const card = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Save goal data and service settings" }) });
    const shortfall = card.getByLabel(/Service shortfall/);
    await expect(shortfall).toHaveValue("10");
    await expect(card.getByLabel(/before Mastered is suggested/)).toHaveValue("3");
    await expect(card.getByRole("radio", { name: "With report cards" })).toBeChecked();

    await shortfall.fill("150");
    await card.getByRole("button", { name: "Save goal data and service settings" }).click();
    await expect(card.getByText("Enter a value within the range shown for this setting.")).toBeVisible();
    await page.reload();
    await expect(shortfall).toHaveValue("10");

    await shortfall.fill("15");
    await card.getByRole("button", { name: "Save goal data and service settings" }).click();
    await expect(page.getByText("Goal data and service settings saved.")).toBeVisible();
    await page.reload();
    await expect(shortfall).toHaveValue("15");
    await shortfall.fill("10");
    await card.getByRole("button", { name: "Save goal data and service settings" }).click();
    await expect(page.getByText("Goal data and service settings saved.")).toBeVisible();
  });
});
