import { expect, test } from "@playwright/test";
import { storageStateFor } from "./personas";

test.describe("case manager", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });
  test("sees their caseload and opens a student", async ({ page }) => {
    await page.goto("/");
    const table = page.getByRole("table");
    await expect(table.getByRole("rowheader")).toHaveCount(10);
    await expect(table).toContainText("García, Mateo");
    await expect(table).not.toContainText("García, Sofía");
    await table.getByRole("link", { name: "García, Mateo" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mateo García");
    await expect(page.getByText("SASID", { exact: true })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /^Spanish$/ })).toHaveCount(2);
  });
});

test.describe("teacher", () => {
  test.use({ storageState: storageStateFor("teacherMaple3") });
  test("sees their sections with only current students", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /Grade 3 Homeroom/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Reading Intervention/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Miller, Emma" }).first()).toBeVisible();
  });

  test("sees only the need-to-know part of a student record", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Miller, Emma" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Emma Miller");
    await expect(page.getByText("SASID")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Parents and guardians" })).toHaveCount(0);
  });
});

test.describe("principal", () => {
  test.use({ storageState: storageStateFor("principalHigh") });
  test("sees their school with counts, not the other school", async ({ page }) => {
    await page.goto("/");
    const table = page.getByRole("table");
    await expect(table.getByRole("rowheader")).toHaveCount(1);
    await expect(table).toContainText("Riverbend High School");
    await table.getByRole("link", { name: "Riverbend High School" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Riverbend High School");
    await expect(page.getByText("Enrolled students")).toBeVisible();
  });
});

test.describe("district admin", () => {
  test.use({ storageState: storageStateFor("admin") });
  test("sees every school of the district with counts", async ({ page }) => {
    await page.goto("/");
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(page.getByRole("rowheader", { name: "Maple Street Elementary School" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Riverbend High School" })).toBeVisible();
  });
});

test.describe("parent", () => {
  test.use({ storageState: storageStateFor("parentGarcia") });
  test("sees her three children, in Spanish (her language setting)", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Sus hijos" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Mateo García" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sofía García" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Diego García" })).toBeVisible();
  });
});

test.describe("parent with a restriction order", () => {
  test.use({ storageState: storageStateFor("parentMiller") });
  test("is told to contact the school, with no child data shown", async ({ page }) => {
    await page.goto("/");
    await expect(
      page.getByText(
        "Access to this student's record is restricted. For questions, contact Maple Street Elementary School at (860) 555-0142.",
      ),
    ).toBeVisible();
    await expect(page.getByText("No student records are linked to your account.")).toHaveCount(0);
    await expect(page.getByText("Emma")).toHaveCount(0);
  });
});
