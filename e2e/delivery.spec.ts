import { expect, test } from "@playwright/test";
import { DEMO_IDS, storageStateFor } from "./personas";

test.describe.serial("accommodation delivery", () => {
  test("a teacher acknowledges a plan and logs a class", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("teacherEnglish") });
    const page = await context.newPage();
    await page.goto("/accommodations");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My students' accommodations");
    const english9 = page.getByRole("region", { name: /Period 1: English 9/ });
    const unacknowledged = english9
      .getByRole("listitem")
      .filter({ has: page.getByRole("button", { name: "I have read and will implement these accommodations" }) });
    await expect(unacknowledged).toHaveCount(1);
    await expect(unacknowledged.first()).toContainText(/overdue/);
    await expect(unacknowledged.first()).toContainText("Acknowledge this plan version to start logging it.");
    await expect(unacknowledged.first().getByRole("group")).toHaveCount(0);
    await unacknowledged
      .first()
      .getByRole("button", { name: "I have read and will implement these accommodations" })
      .click();
    await expect(
      english9.getByRole("button", { name: "I have read and will implement these accommodations" }),
    ).toHaveCount(0);
    await expect(english9.getByText(/^Acknowledged on /)).toHaveCount(5);

    await english9.getByRole("button", { name: "Log every remaining in-class accommodation as provided" }).click();
    await expect(
      english9.getByRole("status").filter({ hasText: /logged as provided|Nothing left to log/ }),
    ).toBeVisible();
    await expect(english9.getByText("Not logged yet")).toHaveCount(5);
    const firstItem = english9.getByRole("group").first();
    await firstItem.getByRole("button", { name: "Not provided" }).click();
    await english9.getByLabel("Why was it not provided?").fill("Fire drill during the test");
    await english9.getByRole("button", { name: "Save" }).click();
    await expect(english9.getByText(/Logged: Not provided · Fire drill during the test/)).toBeVisible();
    await context.close();
  });

  test("the principal's dashboard reflects it, and each number opens its rows", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("principalHigh") });
    const page = await context.newPage();
    await page.goto("/coverage");
    const byTeacher = page.getByRole("region", { name: "By teacher" });
    const morales = byTeacher.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Ana Morales" }) });
    const chen = byTeacher.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "David Chen" }) });
    await expect(morales.getByRole("cell").nth(2)).toHaveText("0");
    await expect(chen.getByRole("cell").nth(2)).toHaveText("3");
    await chen.getByRole("cell").nth(2).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Assignments");
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(4);
    await expect(page.getByRole("table")).not.toContainText("Ana Morales");
    await context.close();
  });

  test("the district admin's coverage lists schools from the summary and opens one school's live numbers", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStateFor("admin") });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByText(/^Numbers as of /)).toBeVisible();
    await page.goto("/coverage");
    await expect(page.getByText(/^Numbers as of /)).toBeVisible();
    await expect(page.getByRole("region", { name: "By teacher" })).toHaveCount(0);
    const high = page
      .getByRole("region", { name: "By school" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Riverbend High School" }) });
    const summarized = await high.getByRole("cell").allTextContents();
    await high.getByRole("link", { name: "Riverbend High School" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Riverbend High School: accommodation coverage");
    await expect(page.getByText(/^Numbers as of /)).toHaveCount(0);
    // The summary row (kept by the teacher's acknowledgment and logs above) equals the live computation.
    expect(await page.getByRole("region", { name: "Overall" }).getByRole("cell").allTextContents()).toEqual(summarized);
    const chen = page
      .getByRole("region", { name: "By teacher" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "David Chen" }) });
    await expect(chen.getByRole("cell").nth(2)).toHaveText("3");
    await context.close();
  });

  test("overdue acknowledgments reach the teacher's and the plan lead's work queues", async ({ browser }) => {
    const teacher = await browser.newContext({ storageState: storageStateFor("teacherMath") });
    const teacherPage = await teacher.newPage();
    await teacherPage.goto("/work-queue");
    await expect(
      teacherPage.getByRole("rowheader", { name: "Acknowledge the accommodations of the 504" }).first(),
    ).toBeVisible();
    await teacher.close();
    const lead = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
    const leadPage = await lead.newPage();
    await leadPage.goto("/work-queue");
    await expect(
      leadPage.getByRole("rowheader", { name: "Samuel Brooks has not acknowledged the accommodations of the IEP" }),
    ).toBeVisible();
    await lead.close();
  });

  test("an amended plan asks the teacher to acknowledge again, with the changes highlighted", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("teacherMaple4") });
    const page = await context.newPage();
    await page.goto("/accommodations");
    const card = page.getByRole("listitem").filter({ hasText: "García, Mateo" }).first();
    await expect(card).toContainText("Changed since you acknowledged version 1");
    await expect(card).toContainText("No longer in the plan: Graphic organizer for writing");
    await expect(card.getByRole("listitem").filter({ hasText: "Text-to-speech for grade-level text" })).toContainText(
      "New",
    );
    await expect(card.getByRole("listitem").filter({ hasText: "Extended time (2x)" })).toContainText("Changed");
    await context.close();
  });

  test("the evidence report downloads as PDF and CSV", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("caseManagerHigh") });
    const page = await context.newPage();
    await page.goto(`/students/${DEMO_IDS.student("sofia-garcia")}`);
    await page.getByRole("link", { name: "Accommodation evidence report" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accommodation evidence report");
    await expect(page.getByText("Ana Morales (Teacher, English 10)").first()).toBeVisible();
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^evidence-Sofia-Garcia-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    const csv = await page.request.get(page.url().replace("/evidence", "/evidence/csv"));
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Extended time (1.5x)");
    expect(text.split("\n").length).toBeGreaterThan(3);
    await context.close();
  });

  test("teachers cannot open another student's evidence; parents cannot open the dashboards", async ({ browser }) => {
    const teacher = await browser.newContext({ storageState: storageStateFor("teacherEnglish") });
    const teacherPage = await teacher.newPage();
    expect((await teacherPage.goto(`/students/${DEMO_IDS.student("sofia-garcia")}/evidence`))?.status()).toBe(404);
    expect((await teacherPage.request.get(`/students/${DEMO_IDS.student("sofia-garcia")}/evidence/csv`)).status()).toBe(
      404,
    );
    await teacher.close();
    const parent = await browser.newContext({ storageState: storageStateFor("parentJohnson") });
    const parentPage = await parent.newPage();
    expect((await parentPage.goto("/coverage"))?.status()).toBe(404);
    expect((await parentPage.goto("/accommodations"))?.status()).toBe(404);
    await parent.close();
  });
});
