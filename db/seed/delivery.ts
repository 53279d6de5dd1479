import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../client";
import { implementationLogs, planAccommodations, planVersions } from "../schema";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";

interface Context {
  /** The last school days before the seed day, oldest first. */
  schoolDays: string[];
  userId: (key: PersonaKey) => string;
  studentId: (key: string) => string;
  sectionId: (code: string) => string;
}

/** Who logs what, and how diligently (share of school days logged), for the demo dashboards. */
const LOGGERS: { versionKey: string; student: string; section: string; teacher: PersonaKey; diligence: number }[] = [
  {
    versionKey: "mateo-iep:2",
    student: "mateo-garcia",
    section: "MSE-G4-108",
    teacher: "teacherMaple4",
    diligence: 0.7,
  },
  {
    versionKey: "sofia-iep:1",
    student: "sofia-garcia",
    section: "RHS-ENG10-P3",
    teacher: "teacherEnglish",
    diligence: 0.9,
  },
  {
    versionKey: "sofia-iep:1",
    student: "sofia-garcia",
    section: "RHS-GEOM-P4",
    teacher: "teacherMath",
    diligence: 0.4,
  },
  {
    versionKey: "jaylen-504:2",
    student: "jaylen-johnson",
    section: "RHS-ENG9-P1",
    teacher: "teacherEnglish",
    diligence: 0.8,
  },
  {
    versionKey: "jaylen-504:2",
    student: "jaylen-johnson",
    section: "RHS-ALG1-P2",
    teacher: "teacherMath",
    diligence: 0.3,
  },
];

function pseudoRandom(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return ((hash >>> 0) % 1000) / 1000;
}

/**
 * A realistic implementation log for the last school days: diligent and less diligent teachers,
 * a few "not provided" entries with reasons, a declined one, and a correction. Only in-class
 * accommodations are logged daily; testing ones are left to occurrences. Fixed ids: idempotent.
 */
export async function seedDelivery(tx: Transaction, ctx: Context): Promise<void> {
  const versionIds = LOGGERS.map((l) => seedId(`version:${l.versionKey}`));
  const versions = await tx
    .select({ id: planVersions.id, effectiveOn: planVersions.effectiveOn })
    .from(planVersions)
    .where(inArray(planVersions.id, versionIds));
  const items = await tx
    .select({ id: planAccommodations.id, versionId: planAccommodations.versionId, text: planAccommodations.text })
    .from(planAccommodations)
    .where(and(inArray(planAccommodations.versionId, versionIds), eq(planAccommodations.classroom, true)));
  const rows: (typeof implementationLogs.$inferInsert)[] = [];
  for (const logger of LOGGERS) {
    const versionId = seedId(`version:${logger.versionKey}`);
    const effectiveOn = versions.find((v) => v.id === versionId)?.effectiveOn;
    if (!effectiveOn) continue;
    for (const date of ctx.schoolDays.filter((d) => d >= effectiveOn)) {
      if (pseudoRandom(`${logger.section}:${date}`) > logger.diligence) continue;
      for (const item of items.filter((i) => i.versionId === versionId)) {
        const roll = pseudoRandom(`${item.id}:${logger.section}:${date}`);
        const status = roll < 0.06 ? "not_provided" : roll < 0.1 ? "declined" : roll < 0.18 ? "not_needed" : "provided";
        const id = seedId(`log:${item.id}:${logger.section}:${date}`);
        rows.push({
          id,
          versionId,
          accommodationId: item.id,
          sectionId: ctx.sectionId(logger.section),
          studentId: ctx.studentId(logger.student),
          loggedBy: ctx.userId(logger.teacher),
          logDate: date,
          status,
          reason: status === "not_provided" ? "Substitute teacher did not have the plan" : null,
          note: status === "declined" ? "Said they did not need it today" : null,
        });
      }
    }
  }
  const correctionOf = rows.find((r) => r.status === "provided" && r.loggedBy === ctx.userId("teacherEnglish"));
  if (correctionOf) {
    rows.push({
      ...correctionOf,
      id: seedId(`log-correction:${correctionOf.id}`),
      status: "not_needed",
      replacesId: correctionOf.id,
      note: "Corrected: the class watched a film",
    });
  }
  if (rows.length) await tx.insert(implementationLogs).values(rows).onConflictDoNothing();
}
