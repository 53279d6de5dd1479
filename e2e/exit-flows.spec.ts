import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../lib/compliance/dates";
import { ANDRE } from "../db/seed/demo";
import { todayIn } from "../lib/time";
import { DEMO_IDS, PERSONAS } from "./personas";
import { expectAccessible, holdMeeting, RIVERBEND_PPT, signedIn } from "./pages";

// Issue 12, end to end: IEP → 504 across roles. Ines Dubois (grade 10, Riverbend High, Tom Kowalski's
// caseload; db/seed/exits.ts) has an IEP in force and a reevaluation on record finding her no longer
// eligible, nothing else. The case manager holds the exit PPT, sends the PWN proposing to end eligibility
// (implementation agreed for the next day) and ends the IEP "moved to a 504 plan" for the notice's date;
// the principal finds the 504-plan-needed item on the work queue, holds the 504 team meeting, writes and
// finalizes the 504 plan and puts it in force: it is scheduled for the day after the IEP's last day.
// Revocation: Andre Johnson (grade 9, same caseload; his mother Keisha Johnson signs in) has an IEP in force
// and her consent to special education on file. She revokes it in writing in the portal and must
// acknowledge its consequences first; the system drafts the PWN, the case manager completes and sends it
// and ends the IEP "consent revoked" on its implementation date; no 504 plan follows.
// Every step runs on the same fixed day (PLANPATH_NOW, a Monday: the next day is a school day).
const ines = DEMO_IDS.student("t-exit504");
const andre = DEMO_IDS.student(ANDRE);
const parent = PERSONAS.parentJohnson.name;
const today = todayIn();
const endsOn = addDays(today, 1);
const principal = PERSONAS.principalHigh.name;
const medium = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

const transitionsPanel = (page: Page) => page.getByRole("region", { name: "Transitions and plan ends" });

test.describe.serial("IEP → 504 across roles: Ines Dubois, from the reevaluation to the 504 plan", () => {
  let transitionUrl = "";

  test("the case manager holds the exit PPT, sends the PWN and ends the IEP 'moved to a 504 plan' for its date", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    // Without the exit PPT the end is refused with the specific reason (the reevaluation is on record).
    await page.goto(`/students/${ines}`);
    await expect(transitionsPanel(page).getByText("No plan end is recorded for this student.")).toBeVisible();

    await holdMeeting(page, ines, {
      ...RIVERBEND_PPT,
      date: today,
      time: "09:00",
      purposes: ["Reevaluation", "Exit"],
      decisions: "The reevaluation finds Ines no longer eligible; the team proposes ending the IEP and a 504 plan.",
    });

    await page.goto(`/students/${ines}/notices/new`);
    await page.getByLabel("The district").selectOption("propose");
    await page.getByLabel("About").selectOption("identification");
    await page.getByRole("button", { name: "Start the draft" }).click();
    await expect(page).toHaveURL(new RegExp(`/students/${ines}/notices/[0-9a-f-]{36}$`));
    await page
      .getByLabel("1. What the district proposes or refuses")
      .fill("End Ines's eligibility for special education; the 504 team writes a Section 504 plan.");
    await page
      .getByLabel("2. Why the district proposes or refuses it")
      .fill("The reevaluation found that Ines no longer needs specially designed instruction.");
    await page
      .getByLabel("3. Each evaluation, assessment, record or report used")
      .fill("Review of existing data: grades, curriculum-based measures, teacher and parent input.");
    await page
      .getByLabel("6. Other options considered and why they were rejected")
      .fill("Continuing the IEP: rejected, she no longer needs specially designed instruction.");
    await page.getByLabel("7. Other factors relevant to the proposal or refusal").fill("None.");
    await page.getByLabel("Implementation date agreed with the parent").fill(endsOn);
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect(page.getByText("All seven required contents are written.")).toBeVisible();
    await page.getByLabel("How it is given").selectOption("in_person");
    await page.getByRole("button", { name: "Send the notice" }).click();
    await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();

    await page.goto(`/students/${ines}`);
    const form = page.getByRole("form", { name: "End the plan in force" });
    await form.getByLabel("Why it ends").selectOption("transferred_to_504");
    await expect(form.getByLabel("Prior written notice")).toContainText(`implementation date ${endsOn}`);
    await form.getByRole("button", { name: "Record the end of the plan" }).click();
    const section = transitionsPanel(page);
    await expect(section.getByText("moved from an IEP to a 504 plan")).toBeVisible();
    await expect(section.getByText("Scheduled", { exact: true })).toBeVisible();
    await expect(section.getByText("The principal or 504 coordinator (504 team)")).toBeVisible();
    await expect(page.getByRole("form", { name: "End the plan in force" })).toHaveCount(0);

    await section.getByRole("link", { name: "Open this transition's page" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/students/${ines}/transitions/[0-9a-f-]{36}$`));
    transitionUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: /^Plan end for Ines Dubois/ })).toBeVisible();
    await expect(page.getByTestId("transition-status")).toHaveText("Scheduled");
    await expect(page.getByTestId("last-day")).toHaveText(medium(today));
    await expect(page.locator('[data-step="reevaluation"]')).toContainText("done");
    await expect(page.locator('[data-step="exitMeeting"]')).toContainText("done");
    await expect(page.locator('[data-step="notice"]')).toContainText("done");
    await expect(page.locator('[data-step="plan504Scheduled"]')).toContainText("not yet");
    await expect(page.getByTestId("next-actor")).toContainText("Principal");
    await expectAccessible(page);
    await context.close();
  });

  test("the principal sees the 504-plan-needed item, holds the 504 team meeting, writes and finalizes the 504 plan and puts it in force: it takes effect the day after the IEP's last day (axe)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "principalHigh");
    await page.goto("/work-queue");
    await expect(
      page.getByRole("row", {
        name: /IEP → 504: finalize the 504 plan and put it in force for the day after the IEP ends.*Ines Dubois/,
      }),
    ).toBeVisible();

    await holdMeeting(page, ines, {
      kind: "504",
      date: today,
      time: "13:00",
      place: RIVERBEND_PPT.place,
      purposes: ["Eligibility"],
      team: [{ name: principal, role: "coordinator_504" }],
      others: [{ name: "Mr. Daniel Osei", role: "general_education_teacher" }],
      decisions: "The 504 team finds Ines eligible under Section 504 and writes her 504 plan.",
    });

    await page.goto(`/students/${ines}`);
    await page.getByRole("button", { name: "Start a 504 plan" }).click();
    await page.waitForURL(/\/versions\/[0-9a-f-]+\/edit$/);
    const planUrl = new URL(page.url()).pathname.replace(/\/versions\/[0-9a-f-]+\/edit$/, "");
    await page.getByLabel("PPT / team meeting date").fill(today);
    await page.getByLabel("Review date").fill(addDays(today, 360));
    await page
      .getByLabel("Physical or mental impairment")
      .fill("Attention-deficit/hyperactivity disorder (physician's report).");
    await page.getByLabel("Concentrating").check();
    await page.getByLabel("Actual disability").check();
    await page
      .getByLabel("Evaluation sources considered")
      .fill("The PPT's reevaluation (review of existing data); teacher and parent input.");
    await page.getByRole("button", { name: "Add from the accommodation bank" }).click();
    await page.getByLabel("Category").selectOption("testing");
    await page.getByRole("button", { name: "Insert “Separate setting for tests”" }).click();
    await expect(page.locator("#save-status")).toHaveText(/All changes saved/, { timeout: 15_000 });
    await page.getByRole("link", { name: "Back to the plan" }).click();
    await page.getByRole("button", { name: "Finalize" }).click();
    await expect(page.getByRole("heading", { name: /504 plan · Version 1/ }).getByText("Final")).toBeVisible();

    // Asked for today, the 504 plan is scheduled for the first day without the IEP.
    await page.getByLabel("In force from").fill(today);
    await page.getByRole("button", { name: "Put in force" }).click();
    await expect(page.getByText(`Takes effect on ${medium(endsOn)}.`)).toBeVisible();
    await expect(page.getByRole("heading", { name: /504 plan · Version 1/ }).getByText("Final")).toBeVisible();
    expect(planUrl).toMatch(/^\/plans\/[0-9a-f-]{36}$/);

    await page.goto("/work-queue");
    await expect(page.getByRole("row", { name: /IEP → 504.*Ines Dubois/ })).toHaveCount(0);

    await page.goto(transitionUrl);
    await expect(page.getByTestId("last-day")).toHaveText(medium(today));
    await expect(page.locator('[data-step="plan504Scheduled"]')).toContainText(
      `504 plan finalized by the 504 team and scheduled for ${medium(endsOn)} — done`,
    );
    await expect(page.getByTestId("next-actor")).toHaveText("PlanPath, on the date");
    await expectAccessible(page);
    await context.close();
  });
});

test.describe.serial("revocation of consent across roles: Andre Johnson's mother revokes in the portal", () => {
  test("the parent revokes consent to special education in writing; the consequences must be acknowledged first (axe)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "parentJohnson");
    await page.goto("/consents");
    await page
      .getByRole("row")
      .filter({ hasText: "Andre Johnson" })
      .getByRole("link", { name: "Initial special education services" })
      .first()
      .click();
    await page.waitForURL(/\/consents\/[0-9a-f-]+$/);
    await expect(page.getByRole("heading", { name: "Take back (revoke) my consent" })).toBeVisible();
    await expect(
      page.getByText(
        "If you revoke consent to special education services: services stop after the district sends you a prior written notice; the revocation is not retroactive and records of the services already given stay on file; and no Section 504 plan will be provided in place of the IEP.",
      ),
    ).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Type your full name as your signature").fill(parent);
    await page.getByLabel("I have read this document and I understand it.").check();
    await page.getByRole("button", { name: "Revoke my consent" }).click();
    await expect(
      page.getByText("Please confirm that you understand what happens if you revoke consent to services."),
    ).toBeVisible();
    await expect(page.getByText("Consent revoked", { exact: true })).toHaveCount(0);

    await page
      .getByLabel(
        "I understand what happens if I revoke my consent, including that no 504 plan will be provided in place of the IEP.",
      )
      .check();
    await page.getByRole("button", { name: "Revoke my consent" }).click();
    await expect(page.getByText("Consent revoked", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Revoke my consent" })).toHaveCount(0);
    await context.close();
  });

  test("the case manager completes and sends the drafted PWN and ends the IEP 'consent revoked' on its date; no 504 plan (axe)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${andre}/meetings`);
    const draft = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "Draft", exact: true }) });
    await expect(draft).toHaveCount(1);
    await draft.getByRole("link", { name: "Proposes: Placement" }).click();
    await expect(page).toHaveURL(new RegExp(`/students/${andre}/notices/[0-9a-f-]{36}$`));
    await expect(page.getByLabel("1. What the district proposes or refuses")).toHaveValue(
      /because you revoked in writing your consent to special education/,
    );
    await expect(page.getByLabel("2. Why the district proposes or refuses it")).toHaveValue(
      new RegExp(`On ${medium(today)} you revoked in writing`),
    );
    await page
      .getByLabel("3. Each evaluation, assessment, record or report used")
      .fill("The parent's written revocation.");
    await page.getByLabel("7. Other factors relevant to the proposal or refusal").fill("None.");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect(page.getByText("All seven required contents are written.")).toBeVisible();
    await page.getByLabel("How it is given").selectOption("mail");
    await page.getByRole("button", { name: "Send the notice" }).click();
    await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();

    await page.goto(`/students/${andre}`);
    const form = page.getByRole("form", { name: "End the plan in force" });
    await form.getByLabel("Why it ends").selectOption("consent_revoked");
    const option = await form.getByLabel("Prior written notice").locator("option:checked").innerText();
    const endsOn = /^Sent (\d{4}-\d{2}-\d{2}) — implementation date (\d{4}-\d{2}-\d{2})$/.exec(option.trim());
    // Sent today; without an agreed date the notice takes effect 10 school days later.
    expect(endsOn?.[1], option).toBe(today);
    const implementationDate = endsOn![2]!;
    expect(implementationDate > addDays(today, 10)).toBe(true);
    await form.getByRole("button", { name: "Record the end of the plan" }).click();
    const section = transitionsPanel(page);
    await expect(section.getByText("consent to special education revoked")).toBeVisible();
    await expect(section.getByText("Scheduled", { exact: true })).toBeVisible();
    await expect(section.getByText("Written revocation of consent, consequences acknowledged")).toBeVisible();
    await expect(page.getByRole("form", { name: "End the plan in force" })).toHaveCount(0);

    await section.getByRole("link", { name: "Open this transition's page" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Plan end for Andre Johnson/ })).toBeVisible();
    await expect(page.getByTestId("transition-status")).toHaveText("Scheduled");
    await expect(page.getByTestId("last-day")).toHaveText(medium(addDays(implementationDate, -1)));
    await expect(page.locator('[data-step="revocation"]')).toContainText("done");
    await expect(page.locator('[data-step="notice"]')).toContainText("done");
    await expect(page.locator('[data-step^="plan504"]')).toHaveCount(0);
    await expect(page.getByTestId("next-actor")).toHaveText("PlanPath, on the date");
    await context.close();
  });
});
