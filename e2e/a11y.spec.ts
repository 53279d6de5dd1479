import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { seedId } from "../db/seed/ids";
import { DEMO_IDS, type PersonaKey, storageStateFor } from "./personas";

const PAGES: { persona: PersonaKey | null; url: string }[] = [
  { persona: null, url: "/sign-in" },
  { persona: "caseManagerMaple", url: "/" },
  { persona: "caseManagerMaple", url: `/students/${DEMO_IDS.student("mateo-garcia")}` },
  { persona: "teacherMaple3", url: "/" },
  { persona: "principalMaple", url: "/" },
  { persona: "principalMaple", url: `/schools/${DEMO_IDS.maple}` },
  { persona: "admin", url: "/" },
  { persona: "admin", url: "/admin/staff" },
  { persona: "admin", url: `/students/${DEMO_IDS.student("emma-miller")}` },
  { persona: "admin", url: `/students/${DEMO_IDS.student("emma-miller")}/access-log` },
  { persona: "parentGarcia", url: "/" },
  { persona: "parentMiller", url: `/students/${DEMO_IDS.student("emma-miller")}` },
  { persona: "parentJohnson", url: "/settings" },
  { persona: "parentJohnson", url: "/students/not-a-uuid" },
  { persona: "caseManagerMaple", url: `/plans/${seedId("plan:mateo-iep")}` },
  {
    persona: "caseManagerMaple",
    url: `/plans/${seedId("plan:mateo-iep")}/versions/${seedId("version:mateo-iep:3")}/edit`,
  },
  { persona: "principalHigh", url: `/plans/${seedId("plan:jaylen-504")}` },
  {
    persona: "parentGarcia",
    url: `/plans/${seedId("plan:mateo-iep")}/diff?from=${seedId("version:mateo-iep:1")}&to=${seedId("version:mateo-iep:2")}`,
  },
  { persona: "teacherEnglish", url: `/plans/${seedId("plan:sofia-iep")}/glance` },
  {
    persona: "caseManagerMaple",
    url: `/plans/${seedId("plan:mateo-iep")}/print?version=${seedId("version:mateo-iep:2")}`,
  },
  { persona: "teacherMath", url: "/accommodations" },
  { persona: "principalHigh", url: "/coverage" },
  { persona: "principalHigh", url: "/coverage/details?state=overdue" },
  { persona: "caseManagerHigh", url: `/students/${DEMO_IDS.student("sofia-garcia")}/evidence` },
  // Issue 12: the transitions section with an IEP→504 handoff on record.
  { persona: "caseManagerHigh", url: `/students/${DEMO_IDS.student("s31")}` },
  { persona: "caseManagerMaple", url: "/work-queue" },
  { persona: "caseManagerMaple", url: "/settings" },
  { persona: "principalHigh", url: "/work-queue" },
  { persona: "admin", url: "/work-queue" },
  { persona: "admin", url: `/schools/${DEMO_IDS.maple}/calendar` },
  { persona: "admin", url: "/admin/compliance" },
  { persona: "admin", url: "/admin/settings" },
  { persona: "admin", url: `/students/${DEMO_IDS.student("s03")}` },
  { persona: "provider", url: "/services" },
  { persona: "caseManagerMaple", url: "/services" },
  { persona: "caseManagerMaple", url: `/students/${DEMO_IDS.student("mateo-garcia")}/services` },
  { persona: "parentGarcia", url: `/students/${DEMO_IDS.student("sofia-garcia")}/services` },
  { persona: "caseManagerMaple", url: "/progress" },
  { persona: "caseManagerMaple", url: `/students/${DEMO_IDS.student("mateo-garcia")}/progress` },
  { persona: "provider", url: "/progress" },
  { persona: "parentGarcia", url: `/students/${DEMO_IDS.student("mateo-garcia")}/progress` },
];

for (const { persona, url } of PAGES) {
  test(`axe: ${url} as ${persona ?? "visitor"}`, async ({ browser }) => {
    const context = await browser.newContext(persona ? { storageState: storageStateFor(persona) } : {});
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(url.includes("not-a-uuid") ? 404 : 200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await context.close();
  });
}
