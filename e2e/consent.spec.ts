import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_IDS, PERSONAS, storageStateFor } from "./personas";

// Sofía García (grade 10, Riverbend High): her mother Lucía reads Spanish (persona locale `es`,
// `parent_language = 'es'`). A reevaluation and a records release write no deadline other specs read.
const sofia = DEMO_IDS.student("sofia-garcia");
const ledger = `/students/${sofia}/consents`;

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function requestConsent(page: Page, type: string) {
  await page.goto(ledger);
  await page.getByLabel("Type of consent").selectOption({ label: type });
  await page.getByRole("button", { name: "Prepare and send the consent form" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The consent form was prepared" })).toBeVisible();
  await expect(page.getByRole("heading", { name: new RegExp(`^${type}`) }).first()).toBeVisible();
}

test.describe
  .serial("consent: the family reads the form in Spanish, declines, then consents (C-03, CL-1, CL-2)", () => {
  test.describe("the case manager requests consent", () => {
    test.use({ storageState: storageStateFor("caseManagerHigh") });

    test("the ledger page passes axe; a reevaluation request is prepared in the family's language", async ({
      page,
    }) => {
      await requestConsent(page, "Reevaluation with new assessments");
      await expect(page.getByText("Language: Spanish").first()).toBeVisible();
      await expectAccessible(page);
    });
  });

  test.describe("the parent answers in the portal", () => {
    test.use({ storageState: storageStateFor("parentGarcia") });

    test("the whole document comes first; consent and decline are equal; more time leaves it open; decline, then consent", async ({
      page,
    }) => {
      await page.goto("/");
      await page.getByRole("navigation").getByRole("link", { name: "Solicitudes de consentimiento" }).click();
      await page.waitForURL(/\/consents$/);
      await expect(page.getByRole("heading", { name: "Solicitudes de consentimiento" })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole("link", { name: "Reevaluación con nuevas pruebas" }).first().click();
      await page.waitForURL(/\/consents\/[0-9a-f-]+$/);

      const documentTitle = page.getByRole("heading", {
        name: "Solicitud de su consentimiento: Reevaluación con nuevas pruebas",
      });
      await expect(documentTitle).toBeVisible();
      await expect(page.getByText("Si lo rechaza, no daremos las nuevas pruebas", { exact: false })).toBeVisible();
      await expect(page.getByText("La revocación no es retroactiva", { exact: false })).toBeVisible();

      const consent = page.getByRole("button", { name: "Doy mi consentimiento", exact: true });
      const decline = page.getByRole("button", { name: "No doy mi consentimiento" });
      const documentBox = (await page.locator("article").boundingBox())!;
      const consentBox = (await consent.boundingBox())!;
      const declineBox = (await decline.boundingBox())!;
      expect(consentBox.y).toBeGreaterThan(documentBox.y + documentBox.height);
      expect(await consent.getAttribute("class")).toBe(await decline.getAttribute("class"));
      expect(Math.abs(consentBox.height - declineBox.height)).toBeLessThan(1);
      expect(Math.abs(consentBox.width - declineBox.width)).toBeLessThan(2);
      await expectAccessible(page);

      await page.getByRole("button", { name: "Necesito más tiempo / Tengo preguntas" }).click();
      await expect(page.getByRole("status").filter({ hasText: "La solicitud sigue abierta" })).toBeVisible();
      await expect(page.getByText("Esperando respuesta").first()).toBeVisible();

      await decline.click();
      await expect(page.getByRole("alert").filter({ hasText: "Escriba su nombre completo" })).toBeVisible();
      await page.getByLabel("Escriba su nombre completo como firma").fill(PERSONAS.parentGarcia.name);
      await page.getByLabel("He leído este documento y lo entiendo.").check();
      await decline.click();
      await expect(page.getByRole("status").filter({ hasText: "Su respuesta quedó registrada." })).toBeVisible();
      await expect(page.getByText("Rechazado", { exact: true }).first()).toBeVisible();

      await page.reload();
      await page.getByLabel("Escriba su nombre completo como firma").fill(PERSONAS.parentGarcia.name);
      await page.getByLabel("He leído este documento y lo entiendo.").check();
      await expect(page.getByRole("button", { name: "No doy mi consentimiento" })).toHaveCount(0);
      await page.getByRole("button", { name: "Doy mi consentimiento", exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: "Su respuesta quedó registrada." })).toBeVisible();
      await expect(page.getByText("Consentimiento otorgado", { exact: true }).first()).toBeVisible();
      await expect(page.getByRole("listitem").filter({ hasText: /^Rechazado el/ })).toHaveCount(1);
      await expect(page.getByRole("button", { name: "Revocar mi consentimiento" })).toBeVisible();
    });
  });

  test.describe("the case manager records a signed paper answer", () => {
    test.use({ storageState: storageStateFor("caseManagerHigh") });

    test("the portal answers are in the ledger; a records release signed on paper is recorded on the parent's behalf", async ({
      page,
    }) => {
      await page.goto(ledger);
      await expect(page.getByText(/Consent given on .* Signed in the portal · Lucía García/)).toBeVisible();
      await requestConsent(page, "Releasing records");
      const card = page.locator("section").filter({ has: page.getByRole("heading", { name: /^Releasing records/ }) });
      await card.getByLabel("Answer").selectOption({ label: "Consent given" });
      await card.getByLabel("Who signed").selectOption({ label: PERSONAS.parentGarcia.name });
      await card.getByRole("button", { name: "Record the answer" }).click();
      await expect(
        card.getByText(
          new RegExp(
            `Consent given on .* Signed paper \\(recorded by staff\\) · Lucía García · recorded by ${PERSONAS.caseManagerHigh.name}`,
          ),
        ),
      ).toBeVisible();
      await expect(card.getByText("Consent given", { exact: true })).toBeVisible();
    });
  });
});
