import { and, asc, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../client";
import { planGoals, planServices, planVersions, serviceSessions, students } from "../schema";
import { weekday } from "@/lib/compliance/dates";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";

interface Context {
  today: string;
  userId: (key: PersonaKey) => string;
  /** The stored calendar of each school (every seeded school year). */
  calendars: Map<string, SchoolCalendar>;
}

/**
 * Who delivers which service of which plan version, on which weekdays, how long a session is, and
 * how reliably (share of sessions the provider misses, share the student misses, whether missed
 * sessions are made up). The speech-language pathologist sees Sofía and s30 together (a group of
 * three with a student of another school's program), so the group shares a group id.
 */
const SCHEDULES: {
  versionKey: string;
  service: string;
  provider: PersonaKey;
  weekdays: number[];
  minutes: number;
  group?: string;
  providerMisses: number;
  studentMisses: number;
  makeUps: boolean;
}[] = [
  // Sofía: speech 60 min/week as two 30-minute group sessions; misses are made up — on track.
  {
    versionKey: "sofia-iep:1",
    service: "Speech-language therapy",
    provider: "provider",
    weekdays: [2, 4],
    minutes: 30,
    group: "speech-high",
    providerMisses: 0.08,
    studentMisses: 0.06,
    makeUps: true,
  },
  // s30: the same group; the provider's misses are not made up, and a weekly session is often skipped — short.
  {
    versionKey: "s30-iep:1",
    service: "Speech-language therapy",
    provider: "provider",
    weekdays: [2, 4],
    minutes: 30,
    group: "speech-high",
    providerMisses: 0.3,
    studentMisses: 0.05,
    makeUps: false,
  },
  // Mateo: reading 150 min/week, 30 minutes daily with the case manager — on track.
  {
    versionKey: "mateo-iep:2",
    service: "Specialized reading instruction (Orton-Gillingham based)",
    provider: "caseManagerMaple",
    weekdays: [1, 2, 3, 4, 5],
    minutes: 30,
    providerMisses: 0.04,
    studentMisses: 0.05,
    makeUps: true,
  },
  // Mateo: math support 90 min/week; the case manager's IEP meetings keep taking the slot — short.
  {
    versionKey: "mateo-iep:2",
    service: "Math support in the general education classroom",
    provider: "caseManagerMaple",
    weekdays: [1, 3, 5],
    minutes: 30,
    providerMisses: 0.35,
    studentMisses: 0.02,
    makeUps: false,
  },
];

function pseudoRandom(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return ((hash >>> 0) % 1000) / 1000;
}

/**
 * A semester of service sessions (at most the last 90 school days before the seed day, inside each
 * version's time in force): delivered sessions with the goals they addressed, student and provider
 * absences, make-ups for some provider absences, a group that shares its group id, and one
 * correction. Dated relative to the seed day; fixed ids, so a second run adds only the new days.
 */
export async function seedServiceSessions(tx: Transaction, ctx: Context): Promise<void> {
  const versionIds = [...new Set(SCHEDULES.map((s) => seedId(`version:${s.versionKey}`)))];
  const services = await tx
    .select({
      id: planServices.id,
      type: planServices.serviceType,
      versionId: planVersions.id,
      studentId: planVersions.studentId,
      schoolId: students.schoolId,
      effectiveOn: planVersions.effectiveOn,
      endedOn: planVersions.endedOn,
    })
    .from(planServices)
    .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
    .innerJoin(students, eq(students.id, planVersions.studentId))
    .where(and(inArray(planVersions.id, versionIds), inArray(planVersions.status, ["active", "superseded", "ended"])));
  const goals = await tx
    .select({ id: planGoals.id, versionId: planGoals.versionId })
    .from(planGoals)
    .where(inArray(planGoals.versionId, versionIds))
    .orderBy(asc(planGoals.position));
  const missed: (typeof serviceSessions.$inferInsert)[] = [];
  const delivered: (typeof serviceSessions.$inferInsert)[] = [];
  for (const schedule of SCHEDULES) {
    const service = services.find(
      (s) => s.versionId === seedId(`version:${schedule.versionKey}`) && s.type === schedule.service,
    );
    if (!service?.effectiveOn) continue;
    const calendar = ctx.calendars.get(service.schoolId);
    if (!calendar) continue;
    const yesterday = calendar.lastSchoolDayBefore(ctx.today);
    if (!yesterday) continue;
    const last = service.endedOn && service.endedOn < yesterday ? service.endedOn : yesterday;
    const from = calendar.nthSchoolDayBefore(last, 90) ?? service.effectiveOn;
    const days = calendar
      .schoolDaysInRange(from > service.effectiveOn ? from : service.effectiveOn, last)
      .filter((d) => schedule.weekdays.includes(weekday(d)));
    const versionGoals = goals.filter((g) => g.versionId === service.versionId).map((g) => g.id);
    const base = {
      serviceId: service.id,
      versionId: service.versionId,
      studentId: service.studentId,
      loggedBy: ctx.userId(schedule.provider),
      minutes: schedule.minutes,
      groupSize: schedule.group ? 3 : 1,
    };
    for (const date of days) {
      const id = seedId(`session:${service.id}:${date}`);
      const groupId = schedule.group ? seedId(`session-group:${schedule.group}:${date}`) : null;
      const providerRoll = pseudoRandom(`${schedule.group ?? service.id}:provider:${date}`);
      const studentRoll = pseudoRandom(`${service.id}:student:${date}`);
      if (providerRoll < schedule.providerMisses) {
        missed.push({ ...base, id, groupId, sessionDate: date, status: "provider_absent" });
        // A make-up on the next scheduled day's school week, when the provider makes sessions up.
        const makeUpDay = calendar.nthSchoolDayAfter(date, 2);
        if (schedule.makeUps && makeUpDay && makeUpDay <= last && !schedule.weekdays.includes(weekday(makeUpDay)))
          delivered.push({
            ...base,
            groupSize: 1,
            id: seedId(`session-make-up:${service.id}:${date}`),
            sessionDate: makeUpDay,
            status: "delivered",
            makeUpForId: id,
            goalIds: versionGoals.slice(0, 1),
            note: "Make-up session",
          });
      } else if (studentRoll < schedule.studentMisses) {
        delivered.push({ ...base, id, groupId, sessionDate: date, status: "student_absent" });
      } else {
        const goalIds = versionGoals.filter((_, i) => pseudoRandom(`${id}:goal:${i}`) < 0.7);
        delivered.push({ ...base, id, groupId, sessionDate: date, status: "delivered", goalIds });
      }
    }
  }
  if (missed.length) await tx.insert(serviceSessions).values(missed).onConflictDoNothing();
  if (delivered.length) await tx.insert(serviceSessions).values(delivered).onConflictDoNothing();
  // One correction: a reading session logged at 30 minutes was 20 (a fire drill); both stay in the history.
  const corrected = delivered.find((s) => s.status === "delivered" && s.loggedBy === ctx.userId("caseManagerMaple"));
  if (corrected)
    await tx
      .insert(serviceSessions)
      .values({
        ...corrected,
        id: seedId(`session-correction:${corrected.id}`),
        minutes: 20,
        replacesId: corrected.id,
        note: "Corrected: a fire drill cut the session short",
      })
      .onConflictDoNothing();
}
