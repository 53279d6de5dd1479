import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { courtGuardianships, guardianships, users } from "@/db/schema";
import { perRequest, shareable } from "./request-cache";

/** A court's order appointing a guardian for the adult student (CL-10; 300.520(b)). */
export interface CourtOrder {
  id: string;
  guardianshipId: string;
  guardianName: string;
  court: string;
  orderDate: string;
  startsOn: string;
  endsOn: string | null;
  documentReference: string;
}

/**
 * Every court order on file for the student, newest first, in one query (a student has a handful):
 * read once per request through the app's pool (the decision-rights and consent sections of the
 * student page share it), fresh inside a transaction. Unscoped: callers loaded the student through
 * the viewer's scope.
 */
export function courtOrdersOf(db: Executor, studentId: string): Promise<CourtOrder[]> {
  const load = () =>
    db
      .select({
        id: courtGuardianships.id,
        guardianshipId: courtGuardianships.guardianshipId,
        guardianName: users.name,
        court: courtGuardianships.court,
        orderDate: courtGuardianships.orderDate,
        startsOn: courtGuardianships.startsOn,
        endsOn: courtGuardianships.endsOn,
        documentReference: courtGuardianships.documentReference,
      })
      .from(courtGuardianships)
      .innerJoin(guardianships, eq(guardianships.id, courtGuardianships.guardianshipId))
      .innerJoin(users, eq(users.id, guardianships.guardianUserId))
      .where(eq(courtGuardianships.studentId, studentId))
      .orderBy(desc(courtGuardianships.startsOn), desc(courtGuardianships.id));
  return shareable(db) ? perRequest(`court-orders:${studentId}`, load) : load();
}

/** The guardianships the orders appoint on `date`: the orders in force that day. */
export function appointedOn(orders: readonly CourtOrder[], date: string): Set<string> {
  return new Set(
    orders.filter((o) => o.startsOn <= date && (o.endsOn === null || o.endsOn >= date)).map((o) => o.guardianshipId),
  );
}

/**
 * The guardianships a court's order appoints for the adult student on `date` (CL-10; 300.520(b)): the
 * guardianship ids of orders in force that day. Unscoped: callers loaded the student through the
 * viewer's scope.
 */
export async function appointedGuardiansOn(db: Executor, studentId: string, date: string): Promise<Set<string>> {
  return appointedOn(await courtOrdersOf(db, studentId), date);
}
