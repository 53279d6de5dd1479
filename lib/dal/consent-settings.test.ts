import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, districts } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { consentFor, heldMeeting } from "@/db/testing/lifecycle-fixtures";
import { caseloadStudent, completeDraft } from "@/db/testing/plan-builders";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { updateConsentSettingsSchema } from "@/lib/validation/settings";
import { getConsentSettings, updateConsentSettings } from "./district-settings";
import { activateVersion, finalizeVersion } from "./plans";

const db = setupTestDatabase();
let world: World;
let admin: Viewer;
let principal: Viewer;

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  principal = await viewerFor(world.users.principalA);
});

const MEETING = "2026-10-15";
const EFFECTIVE = "2026-10-20";
const fails = (code: string, key?: string) => (e: unknown) =>
  e instanceof AppError && e.code === code && (key === undefined || e.messageKey === key);

async function settingsRow() {
  const [row] = await db()
    .select({ settings: districts.settings })
    .from(districts)
    .where(eq(districts.id, world.district.id));
  return row!.settings as Record<string, unknown>;
}

describe("district consent settings ([U] settings, district admin only)", () => {
  it("defaults: no written 504 consent, no partial consent; only the district admin reads or saves them", async () => {
    expect(await getConsentSettings(admin)).toEqual({ require504WrittenConsent: false, partialConsentTypes: [] });
    await expect(getConsentSettings(principal)).rejects.toSatisfy((e) => e instanceof AppError);
    const before = await settingsRow();
    await expect(
      updateConsentSettings(principal, { require504WrittenConsent: true, partialConsentTypes: [] }),
    ).rejects.toSatisfy((e) => e instanceof AppError);
    expect(await settingsRow()).toEqual(before);
  });

  it("refuses unknown types with a validation message (the action's 4xx), before anything is written", () => {
    const result = updateConsentSettingsSchema.safeParse({
      require504WrittenConsent: true,
      partialConsentTypes: ["initial_services", "anything"],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ message: "validation.invalid" });
    expect(
      updateConsentSettingsSchema.parse({ require504WrittenConsent: "on", partialConsentTypes: "initial_services" }),
    ).toEqual({ require504WrittenConsent: true, partialConsentTypes: ["initial_services"] });
  });

  it("C-02/[U]: once the admin requires written 504 consent, the activation gate reads it (DAL and SQL); turned off, the plan activates", async () => {
    const student = await caseloadStudent(world, { firstName: "Set", lastName: "Tings" });
    const { versionId } = await completeDraft(principal, student.id, "504");
    await heldMeeting(db(), { studentId: student.id, program: "504", heldOn: MEETING });
    await finalizeVersion(principal, { versionId });

    expect(
      await updateConsentSettings(admin, { require504WrittenConsent: true, partialConsentTypes: ["initial_services"] }),
    ).toEqual({ changed: ["require504WrittenConsent", "partialConsentTypes"] });
    expect(await getConsentSettings(admin)).toEqual({
      require504WrittenConsent: true,
      partialConsentTypes: ["initial_services"],
    });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, admin.userId), eq(auditEvents.action, "district.settings_updated")));
    expect(audit).toMatchObject({ outcome: "success" });
    expect(audit!.details).toMatchObject({ changed: ["require504WrittenConsent", "partialConsentTypes"] });

    await expect(activateVersion(principal, { versionId, effectiveOn: EFFECTIVE })).rejects.toSatisfy(
      fails("VALIDATION", "errors.lifecycle.plan504Consent"),
    );
    await expect(
      db().execute(
        sql`update plan_versions set status = 'active', effective_on = ${EFFECTIVE} where id = ${versionId}`,
      ),
    ).rejects.toThrow();

    await consentFor(db(), {
      studentId: student.id,
      versionId,
      type: "plan_504",
      program: "504",
      requestedOn: MEETING,
    });
    await activateVersion(principal, { versionId, effectiveOn: EFFECTIVE });

    expect(
      await updateConsentSettings(admin, {
        require504WrittenConsent: false,
        partialConsentTypes: ["initial_services"],
      }),
    ).toEqual({ changed: ["require504WrittenConsent"] });
    expect((await settingsRow()).lifecycle).toMatchObject({ require504WrittenConsent: false });
  });
});
