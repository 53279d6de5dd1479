import { and, eq, inArray } from "drizzle-orm";
import nodemailer from "nodemailer";
import { beforeAll, describe, expect, it } from "vitest";
import { getDriver } from "@/db/client";
import { jobRuns, outbox, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { updateMyNotificationSettings } from "@/lib/dal/notification-settings";
import { createMailer } from "@/lib/notifications/mailer";
import { deliverOutbox, enqueueNotification, MAX_ATTEMPTS } from "@/lib/notifications/outbox";
import { now, todayIn } from "@/lib/time";
import { DIGEST_KIND, OVERDUE_KIND, runDeadlineDigests } from "./deadline-digest";
import { deadlineDigestJob, localClock } from "./registry";
import { runJob, startPgBoss } from "./runner";

const db = setupTestDatabase();
let world: World;
const sent: { to: string; subject: string }[] = [];
const smtp = createMailer({
  transport: nodemailer.createTransport({ jsonTransport: true }),
  from: "PlanPath <test@planpath.invalid>",
});
const recording = {
  mode: "smtp" as const,
  send: async (mail: { to: string; subject: string; text: string }) => void sent.push(mail),
};

beforeAll(async () => {
  world = await createWorld();
  const { schoolA, today, students } = world;
  await givenEvents(students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 60) },
    { type: "disciplinary_change_of_placement", date: await schoolDaysFrom(schoolA.id, today, 8) },
  ]);
});

async function outboxOf(userIds: string[]) {
  return db().select().from(outbox).where(inArray(outbox.userId, userIds)).orderBy(outbox.createdAt);
}

describe("daily deadline digest (the job's work function, run directly)", () => {
  it("records one message per person with items due soon or overdue, in the outbox, and sends it", async () => {
    const result = await runDeadlineDigests({
      districtId: world.district.id,
      mailer: smtp,
      url: "https://planpath.example",
    });
    expect(result).toMatchObject({ districts: 1, digests: 3, overdueNotices: 0 });
    const rows = await outboxOf(Object.values(world.users).map((u) => u.id));
    expect(rows.map((r) => [r.userId, r.kind, r.status])).toEqual(
      expect.arrayContaining([
        [world.users.caseManager.id, DIGEST_KIND, "sent"],
        [world.users.principalA.id, DIGEST_KIND, "sent"],
        [world.users.admin.id, DIGEST_KIND, "sent"],
      ]),
    );
    expect(rows).toHaveLength(3);
    const cm = rows.find((r) => r.userId === world.users.caseManager.id)!;
    expect(cm.toAddress).toBe(world.users.caseManager.email);
    expect(cm.subject).toBe("PlanPath: 1 overdue item, 1 due soon");
    expect(cm.body).toContain("Initial evaluation and IEP in place: Casey");
    expect(cm.body).toContain(`https://planpath.example/students/${world.students.onCaseload.id}#deadlines`);
    expect(cm.body).toContain("15 school days overdue, escalated");
    expect(cm.dedupeKey).toBe(`deadlines:${world.users.caseManager.id}:${world.today}`);
  });

  it("running again the same day records nothing new", async () => {
    const before = (await outboxOf(Object.values(world.users).map((u) => u.id))).length;
    const result = await runDeadlineDigests({ districtId: world.district.id, mailer: smtp });
    expect(result).toMatchObject({ digests: 0, overdueNotices: 0 });
    expect(await outboxOf(Object.values(world.users).map((u) => u.id))).toHaveLength(before);
  });

  it("a person who opted out of digests still gets the overdue notice (in their language), without the items due soon", async () => {
    const cm = await viewerFor(world.users.caseManager);
    await updateMyNotificationSettings(cm, { digestEmails: false });
    await db().update(users).set({ locale: "es" }).where(eq(users.id, cm.userId));
    const tomorrow = new Date(now().getTime() + 86_400_000);
    await runDeadlineDigests({ districtId: world.district.id, mailer: smtp, now: tomorrow });
    const [notice] = await db()
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.userId, cm.userId),
          eq(outbox.dedupeKey, `deadlines:${cm.userId}:${todayIn("America/New_York", tomorrow)}`),
        ),
      );
    expect(notice).toMatchObject({ kind: OVERDUE_KIND, status: "sent" });
    expect(notice!.subject).toMatch(/^PlanPath: 1 asunto vencido$/);
    expect(notice!.body).toContain("Evaluación inicial e IEP en vigor");
    expect(notice!.body).not.toContain("Revisión de determinación de manifestación");
  });
});

describe("outbox delivery", () => {
  it("without SMTP_URL messages are marked logged and the log has only metadata, never the subject, body or address", async () => {
    const lines: string[] = [];
    await enqueueNotification(db(), {
      districtId: world.district.id,
      userId: world.users.teacher.id,
      to: "t@test.example",
      kind: "test",
      dedupeKey: `log-${world.tag}`,
      subject: "Overdue: Casey S.",
      body: "Casey Student's annual review is overdue.",
    });
    const result = await deliverOutbox(db(), createMailer({ smtpUrl: "", log: (line) => lines.push(line) }));
    expect(result.logged).toBeGreaterThanOrEqual(1);
    const [row] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `log-${world.tag}`));
    expect(row).toMatchObject({ status: "logged", attempts: 1 });
    expect(lines.some((l) => l.includes(`kind=test id=${row!.id} to-domain=test.example`))).toBe(true);
    const logged = lines.join("\n");
    expect(logged).not.toContain("Casey");
    expect(logged).not.toContain("t@test.example");
  });

  it("a failed send is kept with its error and retried, up to the attempt limit", async () => {
    await enqueueNotification(db(), {
      districtId: world.district.id,
      userId: world.users.teacher.id,
      to: "x@test.example",
      kind: "test",
      dedupeKey: `fail-${world.tag}`,
      subject: "S",
      body: "B",
    });
    const failing = { mode: "smtp" as const, send: async () => Promise.reject(new Error("connection refused")) };
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) await deliverOutbox(db(), failing);
    const [row] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `fail-${world.tag}`));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "connection refused" });
    await deliverOutbox(db(), recording);
    expect(sent.some((m) => m.to === "x@test.example")).toBe(false);
  });
});

describe("scheduling", () => {
  it("the digest is due on weekdays from the digest hour, once per local date", () => {
    const monday7 = new Date("2026-11-23T12:00:00Z");
    expect(localClock(monday7, "America/New_York")).toEqual({ date: "2026-11-23", hour: 7, weekday: 1 });
    expect(deadlineDigestJob.runKey!(monday7, "America/New_York")).toBe("2026-11-23");
    expect(deadlineDigestJob.runKey!(new Date("2026-11-23T10:00:00Z"), "America/New_York")).toBeNull();
    expect(deadlineDigestJob.runKey!(new Date("2026-11-22T15:00:00Z"), "America/New_York")).toBeNull();
  });

  it("a job with a run key runs once per key; a failed run gives the key back", async () => {
    let runs = 0;
    let fail = true;
    const name = `test-job-${world.tag}`;
    const job = {
      name,
      cron: "* * * * *",
      runKey: () => "k1",
      run: async () => (runs++, fail ? Promise.reject(new Error("boom")) : { ok: true }),
    };
    expect(await runJob(job, now())).toBe("failed");
    expect(await db().select().from(jobRuns).where(eq(jobRuns.name, name))).toEqual([]);
    fail = false;
    expect(await runJob(job, now())).toBe("ran");
    expect(await runJob(job, now())).toBe("skipped");
    expect(runs).toBe(2);
    const [row] = await db().select().from(jobRuns).where(eq(jobRuns.name, name));
    expect(row).toMatchObject({ runKey: "k1", outcome: "done", details: { ok: true } });
  });

  it.skipIf(!process.env.DATABASE_URL)("pg-boss (PostgreSQL) works a queued job through the same runner", async () => {
    expect(getDriver()).toBe("postgres");
    let ran = 0;
    const name = `pgboss-test-${world.tag}`;
    const running = await startPgBoss(
      [{ name, cron: "0 0 1 1 *", run: async () => (ran++, {}) }],
      process.env.DATABASE_URL!,
    );
    try {
      await running.boss.send(name, {});
      for (let i = 0; i < 40 && ran === 0; i++) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(ran).toBe(1);
    } finally {
      await running.boss.unschedule(name);
      await running.stop();
    }
  });
});
