import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { todayIn } from "../lib/time";
import { DEMO_IDS, storageStateFor } from "./personas";

test.describe("stay-put (300.518): a due-process filing on the student page", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });

  test("the case manager records a filing, sees the stay-put notice, and closes it by written agreement", async ({
    page,
  }) => {
    await page.goto(`/students/${DEMO_IDS.student("s06")}`);
    const section = page.getByRole("region", { name: "Due process (stay-put)" });
    await expect(section.getByText("No due-process filing is on record.")).toBeVisible();
    await section.getByRole("button", { name: "Record filing" }).click();
    await expect(section.getByText("Enter who filed.")).toBeVisible();
    await section.getByLabel("Filed by").fill("Parent (through counsel)");
    await section.getByLabel("What is disputed").fill("The proposed change of placement.");
    await section.getByLabel("Filed on").fill(todayIn());
    await section.getByRole("button", { name: "Record filing" }).click();
    await expect(section.getByText("A due-process filing is pending for the IEP: stay-put applies.")).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations).toEqual([]);

    await section.getByLabel("How it ended").selectOption("agreement");
    await section.getByLabel("Resolution or agreement").fill("The parties agreed in writing to the new placement.");
    await section.getByRole("button", { name: "Close filing" }).click();
    await expect(section.getByText(/^Parties agreed in writing — Closed on /)).toBeVisible();
    await expect(section.getByRole("button", { name: "Close filing" })).toHaveCount(0);
    await expect(section.getByText(/stay-put applies/)).toHaveCount(0);
  });
});
