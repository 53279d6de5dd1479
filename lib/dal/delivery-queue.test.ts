import { getDb } from "@/db/client";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import nodemailer from "nodemailer";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseloads, outbox, sectionTeachers } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays } from "@/lib/compliance/dates";
import { runDeadlineDigests } from "@/lib/jobs/deadline-digest";
import { createMailer } from "@/lib/notifications/mailer";
import { acknowledgeVersion } from "./delivery";
import { getDeadlineSettings, updateDeadlineSettings } from "./district-settings";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { buildWorkQueue } from "./work-queue";

const db = setupTestDatabase();
let world: World;
let versionId: string;

beforeAll(async () => {
  world = await createWorld();
  await db().insert(caseloads).values({
    caseManagerId: world.users.caseManager.id,
    studentId: world.students.inSection.id,
    startsOn: "2020-01-01",
  });
  const caseManager = await viewerFor(world.users.caseManager);
  const effectiveOn = await schoolDaysFrom(world.schoolA.id, world.today, 12);
  const created = await createPlan(caseManager, { studentId: world.students.inSection.id, type: "iep" });
  await saveDraft(caseManager, {
    versionId: created.versionId,
    lockVersion: 1,
    content: completeIepContent({ meetingDate: addDays(effectiveOn, -10) }),
  });
  await legalRecordFor(getDb(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  await activateVersion(caseManager, { versionId: created.versionId, effectiveOn });
  versionId = created.versionId;
});

const acknowledgmentItems = async (user: { id: string }) =>
  (await buildWorkQueue(await viewerFor(user))).items.filter((i) => i.source === "acknowledgment");

describe("acknowledgments in the work queues (escalation)", () => {
  it("the teacher's own queue holds the overdue acknowledgment, linking to their accommodations", async () => {
    const [item] = await acknowledgmentItems(world.users.teacher);
    expect(item).toMatchObject({
      reason: "implementer",
      overdue: true,
      escalated: true,
      href: "/accommodations",
      title: { key: "delivery.queue.own" },
    });
    expect(item!.schoolDaysLeft).toBe(-9);
  });

  it("the plan lead sees who is overdue; the principal and the district admin see the escalation", async () => {
    expect(await acknowledgmentItems(world.users.caseManager)).toEqual([
      expect.objectContaining({
        reason: "planLead",
        title: { key: "delivery.queue.other", values: { teacher: world.users.teacher.name, type: "IEP" } },
      }),
    ]);
    expect((await acknowledgmentItems(world.users.principalA)).map((i) => i.reason)).toEqual(["escalation"]);
    expect((await acknowledgmentItems(world.users.admin)).map((i) => i.reason)).toEqual(["district"]);
    expect(await acknowledgmentItems(world.users.principalB)).toEqual([]);
    expect(await acknowledgmentItems(world.users.otherTeacher)).toEqual([]);
  });

  it("the district's escalation setting decides when the principal hears of it", async () => {
    const admin = await viewerFor(world.users.admin);
    const current = await getDeadlineSettings(admin);
    const result = await updateDeadlineSettings(admin, {
      ...current,
      delivery: { ...current.delivery, acknowledgmentEscalationSchoolDays: 30 },
    } as never);
    expect(result.changed).toEqual(["acknowledgmentEscalationSchoolDays"]);
    expect(await acknowledgmentItems(world.users.principalA)).toEqual([]);
    expect((await acknowledgmentItems(world.users.teacher))[0]).toMatchObject({ overdue: true, escalated: false });
    await updateDeadlineSettings(admin, { ...current } as never);
    expect((await acknowledgmentItems(world.users.principalA)).map((i) => i.reason)).toEqual(["escalation"]);
  });

  it("the daily job e-mails the reminders through the outbox", async () => {
    const mailer = createMailer({
      transport: nodemailer.createTransport({ jsonTransport: true }),
      from: "PlanPath <test@planpath.invalid>",
    });
    await runDeadlineDigests({ districtId: world.district.id, mailer, url: "https://planpath.example" });
    const rows = await db()
      .select()
      .from(outbox)
      .where(inArray(outbox.userId, [world.users.teacher.id, world.users.caseManager.id]));
    const teacherMail = rows.find((r) => r.userId === world.users.teacher.id)!;
    expect(teacherMail.status).toBe("sent");
    expect(teacherMail.body).toContain("Acknowledge the accommodations of the IEP");
    expect(teacherMail.body).toContain("https://planpath.example/accommodations");
    expect(rows.find((r) => r.userId === world.users.caseManager.id)!.body).toContain(
      `${world.users.teacher.name} has not acknowledged the accommodations of the IEP`,
    );
  });

  it("a plan lead who also implements the plan gets their own item and the plan lead's, from one load", async () => {
    // The case manager also teaches the student's section (and so implements the IEP they lead).
    const [row] = await db()
      .insert(sectionTeachers)
      .values({ sectionId: world.sectionA.id, userId: world.users.caseManager.id, startsOn: "2020-01-01" })
      .returning();
    try {
      const items = await acknowledgmentItems(world.users.caseManager);
      expect(items.map((i) => [i.reason, i.href]).sort()).toEqual([
        ["implementer", "/accommodations"],
        ["planLead", `/coverage/details?teacher=${world.users.teacher.id}&state=outstanding`],
      ]);
      // the teacher's own queue is unchanged: one item, their own
      expect((await acknowledgmentItems(world.users.teacher)).map((i) => i.reason)).toEqual(["implementer"]);
      // with the student off their caseload, the section alone brings their own item, and nothing as a lead
      await db()
        .update(caseloads)
        .set({ endsOn: addDays(world.today, -1) })
        .where(
          and(
            eq(caseloads.caseManagerId, world.users.caseManager.id),
            eq(caseloads.studentId, world.students.inSection.id),
          ),
        );
      expect((await acknowledgmentItems(world.users.caseManager)).map((i) => i.reason)).toEqual(["implementer"]);
    } finally {
      await db().delete(sectionTeachers).where(eq(sectionTeachers.id, row!.id));
      await db()
        .update(caseloads)
        .set({ endsOn: null })
        .where(
          and(
            eq(caseloads.caseManagerId, world.users.caseManager.id),
            eq(caseloads.studentId, world.students.inSection.id),
          ),
        );
    }
  });

  it("acknowledging clears the item from every queue", async () => {
    await acknowledgeVersion(await viewerFor(world.users.teacher), { versionId });
    expect(await acknowledgmentItems(world.users.teacher)).toEqual([]);
    expect(await acknowledgmentItems(world.users.caseManager)).toEqual([]);
    expect(await acknowledgmentItems(world.users.principalA)).toEqual([]);
    expect((await db().select().from(outbox).where(eq(outbox.userId, world.users.teacher.id))).length).toBe(1);
  });
});
