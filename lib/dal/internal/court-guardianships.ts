import "server-only";
import { and, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { courtGuardianships } from "@/db/schema";

/**
 * The guardianships a court's order appoints for the adult student on `date` (CL-10; 300.520(b)): the
 * guardianship ids of orders in force that day. Unscoped: callers loaded the student through the
 * viewer's scope.
 */
export async function appointedGuardiansOn(db: Executor, studentId: string, date: string): Promise<Set<string>> {
  const rows = await db
    .select({ guardianshipId: courtGuardianships.guardianshipId })
    .from(courtGuardianships)
    .where(
      and(
        eq(courtGuardianships.studentId, studentId),
        lte(courtGuardianships.startsOn, date),
        or(isNull(courtGuardianships.endsOn), gte(courtGuardianships.endsOn, date)),
      ),
    );
  return new Set(rows.map((r) => r.guardianshipId));
}
