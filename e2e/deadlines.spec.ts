import { readFileSync } from "node:fs";
import { expect, request, test, type Page } from "@playwright/test";
import { connecticutSchoolYear, schoolYearStartFor } from "../db/seed/calendar";
import { addDays, createSchoolCalendar, weekday } from "../lib/compliance";
import { todayIn } from "../lib/time";
import { DEMO_IDS, storageStateFor } from "./personas";

const today = todayIn();
const mapleCalendar = (() => {
  const years = [-1, 0, 1].map((offset) => connecticutSchoolYear(schoolYearStartFor(today) + offset));
  return createSchoolCalendar({ schoolYears: years, closures: years.flatMap((y) => y.closures.map((c) => c.date)) });
})();
const formatDate = (date: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
// Emma is being evaluated: her initial evaluation deadline (D-01) is open.
const emma = `/students/${DEMO_IDS.student("emma-miller")}`;

async function dueOf(page: Page, url: string, rule: RegExp): Promise<string> {
  await page.goto(url);
  const row = page.getByRole("row", { name: rule });
  await expect(row).toBeVisible();
  return (await row.getByRole("cell").first().textContent()) ?? "";
}

test.describe.serial("school calendar (district admin)", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a snow day added today moves an open deadline by one school day, and back when removed", async ({ page }) => {
    test.slow(); // six page loads, each recomputing the school's deadlines
    const snowDay = mapleCalendar.nthSchoolDayAfter(today, 1)!;
    const before = await dueOf(page, emma, /Initial evaluation and IEP in place/);

    await page.goto(`/schools/${DEMO_IDS.maple}/calendar`);
    await page.locator("#day-date").fill(snowDay);
    await page.locator("#day-kind").selectOption("closure");
    await page.locator("#day-reason").fill("Snow day");
    await page.getByRole("button", { name: "Add day" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The day was added" })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(`${formatDate(snowDay)}.*Snow day`) })).toBeVisible();

    const after = await dueOf(page, emma, /Initial evaluation and IEP in place/);
    expect(after).not.toBe(before);
    const [beforeDate, afterDate] = [before, after].map((text) => new Date(`${text} 12:00 UTC`).getTime());
    expect(afterDate).toBeGreaterThan(beforeDate!);

    await page.goto(`/schools/${DEMO_IDS.maple}/calendar`);
    await page.getByRole("button", { name: `Remove ${formatDate(snowDay)}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(`${formatDate(snowDay)}.*Snow day`) })).toHaveCount(0);
    expect(await dueOf(page, emma, /Initial evaluation and IEP in place/)).toBe(before);
  });

  test("a calendar file with problems imports nothing and lists every problem by line", async ({ page }) => {
    await page.goto(`/schools/${DEMO_IDS.high}/calendar`);
    const years = await page.getByRole("heading", { level: 2, name: /\d{4}-\d{4}: / }).count();
    let farAway = addDays(today, 2000);
    while (weekday(farAway) !== 3) farAway = addDays(farAway, 1);
    const csv = [
      "type,date,end_date,description",
      `year,${today},${addDays(today, 100)},Overlapping year`,
      "closure,2026-02-30,,Not a date",
      `closure,${farAway},,Far away`,
    ].join("\n");
    await page
      .getByLabel("Calendar file (.ics or .csv)")
      .setInputFiles({ name: "calendar.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import" }).click();
    const problems = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await expect(problems).toContainText("the file has 3 problems");
    await expect(problems.getByRole("row", { name: /^2 The school year Overlapping year overlaps/ })).toBeVisible();
    await expect(problems.getByRole("row", { name: /^3 .2026-02-30. is not a real date/ })).toBeVisible();
    await expect(problems.getByRole("row", { name: /^4 .* is outside every school year/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 2, name: /\d{4}-\d{4}: / })).toHaveCount(years);
  });
});

test.describe("work queues per role", () => {
  test.describe("case manager", () => {
    test.use({ storageState: storageStateFor("caseManagerMaple") });
    test("sees her caseload's overdue and upcoming deadlines, with a link to act, and a dashboard summary", async ({
      page,
    }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Your work queue" })).toBeVisible();
      await page.getByRole("link", { name: "Open your work queue" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Work queue");
      const overdue = page.getByRole("region", { name: /^Overdue/ });
      await expect(
        overdue.getByRole("row", { name: /Access to records.*Overdue by \d+ school days.*Escalated/ }),
      ).toBeVisible();
      await expect(
        page
          .getByRole("region", { name: /^Due soon/ })
          .getByRole("row", { name: /Meeting notice to parents.*Mateo García/ }),
      ).toBeVisible();
      await expect(page.getByText("Sofía García")).toHaveCount(0);
      await page
        .getByRole("row", { name: /Meeting notice to parents/ })
        .getByRole("link", { name: "Mateo García" })
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mateo García");
      await expect(page.getByRole("heading", { name: "Deadlines and case events" })).toBeVisible();
    });

    test("records a case event on the student page; an impossible date gets a field message", async ({ page }) => {
      await page.goto(`/students/${DEMO_IDS.student("s05")}`);
      await page.locator("#event-type").selectOption("records_request_received");
      await page.locator("#event-date").fill(addDays(today, 1));
      await page.getByRole("button", { name: "Record event" }).click();
      await expect(page.getByText("An event cannot be dated after today.")).toBeVisible();
      await page.locator("#event-date").fill(today);
      await page.getByRole("button", { name: "Record event" }).click();
      await expect(page.getByRole("status").filter({ hasText: "The event was recorded" })).toBeVisible();
      await expect(page.getByRole("row", { name: /Access to records \(D-14\)/ })).toBeVisible();
      // Contract v2: a meeting asks what it was for, with the version-1 default (annual review) preselected.
      await page.locator("#event-type").selectOption("ppt_meeting_held");
      const purposes = page.getByRole("group", { name: "What the meeting was for" });
      await expect(purposes.getByRole("checkbox", { name: "Annual review" })).toBeChecked();
      await expect(purposes.getByRole("checkbox", { name: "Revision of the IEP" })).not.toBeChecked();
    });
  });

  test.describe("principal", () => {
    test.use({ storageState: storageStateFor("principalHigh") });
    test("sees the school's 504 reviews and its 504-only students' consent items, nothing of Maple Street", async ({
      page,
    }) => {
      await page.goto("/work-queue");
      // Jaylen has a 504 plan and no case manager: the 504 lead owns the unanswered consent (issue 10, E10, E17).
      await expect(
        page.getByRole("row", {
          name: /Answer to a consent request.*Record the refusal.*Jaylen Johnson.*504 student at your school/,
        }),
      ).toBeVisible();
      // Two 504 plans in force at the High (Camila's, and Maya Johnson's until the 504 → IEP walkthrough ends it).
      await expect(
        page.getByRole("row", { name: /Section 504 plan review.*504 plan at your school/ }).first(),
      ).toBeVisible();
      await expect(page.getByText("Maple Street Elementary School")).toHaveCount(0);
    });
  });

  test.describe("district admin", () => {
    test.use({ storageState: storageStateFor("admin") });
    test("sees every overdue item of the district and nothing that is not overdue", async ({ page }) => {
      await page.goto("/work-queue");
      await expect(page.getByRole("region", { name: /^Overdue/ })).toBeVisible();
      await expect(page.getByRole("region", { name: /^(Due soon|Later)/ })).toHaveCount(0);
      await expect(page.getByRole("row", { name: /Maple Street Elementary School/ }).first()).toBeVisible();
      await expect(page.getByRole("row", { name: /Riverbend High School/ }).first()).toBeVisible();
    });
  });

  test.describe("teacher", () => {
    test.use({ storageState: storageStateFor("teacherMaple3") });
    test("has an empty queue until acknowledgments arrive", async ({ page }) => {
      await page.goto("/work-queue");
      await expect(page.getByText("Nothing is due.")).toBeVisible();
    });
  });
});

test.describe("compliance report (district admin)", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("shows initial-evaluation timeliness and downloads the report as CSV", async ({ page }) => {
    await page.goto("/admin/compliance");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliance report");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download as CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^compliance-report-\d{4}-\d{4}\.csv$/);
    const text = readFileSync((await download.path())!, "utf8");
    const [header, ...rows] = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "Section,School,Student,SASID,Rule,Counted from,Due,Status,School days overdue,Reason for the delay",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => !/^[=+\-@]|,[=+\-@]/.test(row))).toBe(true);
  });

  test("the CSV route answers bad input and other roles with 4xx JSON", async ({ page, playwright }) => {
    expect((await page.request.get("/api/reports/compliance?year=abc")).status()).toBe(400);
    const teacher = await playwright.request.newContext({
      baseURL: test.info().project.use.baseURL,
      storageState: storageStateFor("teacherMaple3"),
    });
    const denied = await teacher.get(`/api/reports/compliance?year=${schoolYearStartFor(today)}`);
    expect(denied.status()).toBe(403);
    expect(await denied.json()).toEqual({ error: "FORBIDDEN" });
    await teacher.dispose();
  });
});

test.describe("personal iCal feed", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });

  test("a secret link serves the user's deadlines as text/calendar until it is revoked", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: /Create a feed link|Replace the feed link/ }).click();
    const url = await page.locator("#feed-url").inputValue();
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const anonymous = await request.newContext();
    const feed = await anonymous.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    const body = await feed.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    // Generic text only (the demo district has not opted in to details): no rule, program or name.
    expect(body).toContain("SUMMARY:PlanPath deadline — open PlanPath");
    const text = body
      .split("\r\n")
      .filter((line) => /^(SUMMARY|DESCRIPTION|URL|X-WR-CALNAME)[:;]/.test(line))
      .join("\n");
    for (const leak of ["Mateo", "García", "IEP", "504", "Maple"]) expect(text).not.toContain(leak);
    expect(body).not.toContain("Mateo");

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Revoke the feed link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "was revoked" })).toBeVisible();
    expect((await anonymous.get(url)).status()).toBe(404);
    expect((await anonymous.get(`${new URL(url).origin}/api/calendar/not-a-token.ics`)).status()).toBe(404);
    await anonymous.dispose();
  });
});
