import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acknowledgments,
  auditEvents,
  caseEvents,
  caseloads,
  implementationLogs,
  planAccommodations,
  planVersions,
  students,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, weekday } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { acknowledgeVersion } from "./delivery";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";

/**
 * Issue 15, "Load and crash safety": a process running the real data layer is killed (SIGKILL) in the
 * middle of a burst of plan activations, acknowledgments and implementation-log entries; afterwards
 * every step is all or nothing — each change has its audit row and case events and each audit row its
 * change, every step the process reported as done is there, nothing is left locked, and the work
 * can go on. PostgreSQL only: PGlite is a database inside one process, which dies with it.
 */
const db = setupTestDatabase();
const onPostgres = Boolean(process.env.DATABASE_URL);

let world: World;
let caseManager: Viewer;
let teacher: Viewer;
let schoolDay: string;
let tempDir: string;
const toActivate: string[] = [];
const toAcknowledge: string[] = [];
const acknowledged: string[] = [];

function lastWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

async function studentInSection(i: number) {
  const [student] = await db()
    .insert(students)
    .values({
      districtId: world.district.id,
      schoolId: world.schoolA.id,
      sasid: String(3_000_000_000 + Math.floor(Math.random() * 1e8) * 10 + i),
      firstName: `Crash${i}`,
      lastName: `Test${world.tag}`,
      birthDate: "2016-03-01",
      grade: "4",
    })
    .returning();
  await db()
    .insert(caseloads)
    .values({ caseManagerId: caseManager.userId, studentId: student!.id, startsOn: "2020-01-01" });
  await db().execute(
    sql`insert into section_enrollments (section_id, student_id, starts_on) values (${world.sectionA.id}, ${student!.id}, '2020-01-01')`,
  );
  return student!;
}

/** A final IEP with its legal record on file (held meeting, consent to initial services, sent PWN). */
async function finalIep(studentId: string, effectiveOn: string): Promise<string> {
  const created = await createPlan(caseManager, { studentId, type: "iep" });
  await saveDraft(caseManager, {
    versionId: created.versionId,
    lockVersion: 1,
    content: completeIepContent({ meetingDate: addDays(effectiveOn, -30) }),
  });
  await legalRecordFor(db(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  return created.versionId;
}

beforeAll(async () => {
  if (!onPostgres) return;
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  schoolDay = lastWeekday(teacher.today);
  const effectiveOn = addDays(schoolDay, -35);
  for (let i = 0; i < 14; i++) {
    const student = await studentInSection(i);
    const versionId = await finalIep(student.id, effectiveOn);
    if (i < 8) {
      toActivate.push(versionId);
      continue;
    }
    await activateVersion(caseManager, { versionId, effectiveOn });
    if (i < 11) {
      await acknowledgeVersion(teacher, { versionId });
      acknowledged.push(versionId);
    } else toAcknowledge.push(versionId);
  }
  tempDir = await mkdtemp(path.join(tmpdir(), "planpath-crash-"));
}, 120_000);

afterAll(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

/** Runs the burst in a child process and kills it once `killAfter` steps have committed. */
function burstKilledAfter(planFile: string, killAfter: number) {
  return new Promise<{ lines: string[]; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "./db/testing/server-only-hook.mjs", "--import", "tsx", "db/testing/crash-burst.ts", planFile],
      { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
    );
    const lines: string[] = [];
    let buffered = "";
    let stderr = "";
    let oks = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split("\n");
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        if (line.startsWith("ok ") && ++oks === killAfter) child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`burst exited ${code}: ${stderr.slice(0, 2000)}`));
      else resolve({ lines, signal });
    });
  });
}

const keysOf = (lines: string[], prefix: string) =>
  lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length).split(" ")[0]!);

describe.runIf(onPostgres)("a crash in the middle of a burst of steps", () => {
  it("leaves every step all or nothing, keeps every reported step, holds no lock, and the work goes on", async () => {
    const accommodations = await db()
      .select({ id: planAccommodations.id, versionId: planAccommodations.versionId })
      .from(planAccommodations)
      .where(inArray(planAccommodations.versionId, acknowledged));
    const dates: string[] = [];
    for (let d = schoolDay; dates.length < 20; d = addDays(d, -1))
      if (weekday(d) !== 0 && weekday(d) !== 6) dates.push(d);
    const toLog = accommodations.flatMap((a) =>
      dates.map((date) => ({ accommodationId: a.id, sectionId: world.sectionA.id, date })),
    );
    const planFile = path.join(tempDir, "burst.json");
    await writeFile(
      planFile,
      JSON.stringify({
        caseManagerId: caseManager.userId,
        teacherId: teacher.userId,
        effectiveOn: schoolDay,
        toActivate,
        toAcknowledge,
        toLog,
      }),
    );

    const { lines, signal } = await burstKilledAfter(planFile, 12);
    expect(signal).toBe("SIGKILL");
    expect(lines).not.toContain("done");
    const failed = lines.filter((l) => l.startsWith("failed "));
    expect(failed).toEqual([]);
    const started = lines.filter((l) => l.startsWith("start ")).length;
    const finished = lines.filter((l) => l.startsWith("ok ")).length;
    expect(finished).toBeGreaterThanOrEqual(12);
    // Steps were in flight when the process died (six workers, each prints "start" before its step).
    expect(started).toBeGreaterThan(finished);

    // Every step reported as done is committed.
    const versions = await db()
      .select({ id: planVersions.id, status: planVersions.status })
      .from(planVersions)
      .where(inArray(planVersions.id, toActivate));
    const active = new Set(versions.filter((v) => v.status === "active").map((v) => v.id));
    for (const id of keysOf(lines, "ok activate ")) expect(active.has(id)).toBe(true);
    expect(versions.every((v) => v.status === "active" || v.status === "final")).toBe(true);
    const acks = await db()
      .select({ versionId: acknowledgments.versionId })
      .from(acknowledgments)
      .where(and(eq(acknowledgments.userId, teacher.userId), inArray(acknowledgments.versionId, toAcknowledge)));
    for (const id of keysOf(lines, "ok ack ")) expect(acks.map((a) => a.versionId)).toContain(id);
    const logs = await db()
      .select({ accommodationId: implementationLogs.accommodationId, date: implementationLogs.logDate })
      .from(implementationLogs)
      .where(eq(implementationLogs.loggedBy, teacher.userId));
    const logKeys = new Set(logs.map((l) => `${l.accommodationId}/${l.date}`));
    for (const key of keysOf(lines, "ok log ")) expect(logKeys.has(key)).toBe(true);

    // All or nothing: each change has its audit row (and an activation its case event), and each
    // audit row its change — no half-written step on either side.
    const audit = async (action: string) =>
      db()
        .select({ details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.districtId, world.district.id), eq(auditEvents.action, action)));
    const activatedAudit = (await audit("plan.activated"))
      .map((a) => a.details.versionId as string)
      .filter((id) => toActivate.includes(id));
    expect(new Set(activatedAudit)).toEqual(active);
    expect(activatedAudit).toHaveLength(active.size);
    const implemented = await db()
      .select({ sourceId: caseEvents.sourceId })
      .from(caseEvents)
      .where(and(eq(caseEvents.type, "iep_implemented"), inArray(caseEvents.sourceId, toActivate)));
    expect(new Set(implemented.map((e) => e.sourceId))).toEqual(active);
    expect(implemented).toHaveLength(active.size);
    const ackAudit = (await audit("accommodations.acknowledged"))
      .map((a) => a.details.versionId as string)
      .filter((id) => toAcknowledge.includes(id));
    expect(ackAudit.sort()).toEqual(acks.map((a) => a.versionId).sort());
    const logAudit = (await audit("implementation.logged")).map(
      (a) => `${a.details.accommodationId as string}/${a.details.date as string}`,
    );
    expect(logAudit.sort()).toEqual([...logKeys].sort());

    // Nothing is left locked by the dead process's transactions (its sessions were rolled back), and
    // the work goes on: the rest of the burst completes.
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '5s'`);
        await tx.execute(sql`select id from plan_versions where id in ${toActivate} for update`);
      }),
    ).resolves.toBeUndefined();
    const rest = await burstKilledAfter(planFile, Number.MAX_SAFE_INTEGER);
    expect(rest.signal).toBeNull();
    expect(rest.lines).toContain("done");
    const after = await db()
      .select({ status: planVersions.status })
      .from(planVersions)
      .where(inArray(planVersions.id, toActivate));
    expect(after.every((v) => v.status === "active")).toBe(true);
  }, 120_000);
});
