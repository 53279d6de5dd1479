import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { courtGuardianships, guardianships, users } from "@/db/schema";
import { addYears } from "@/lib/compliance/dates";
import { decisionRightsHolder } from "@/lib/consents/ledger";
import type { DecisionRights } from "@/lib/dto/adult-students";
import { fieldError } from "@/lib/errors";
import type { RecordCourtGuardianshipInput } from "@/lib/validation/transitions";
import { mutate, read } from "./core";
import { appointedOn, courtOrdersOf } from "./internal/court-guardianships";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

/**
 * `student.guardians.read` (district admin, principal, 504 coordinator, case manager): who holds the
 * student's decision rights today and from the 18th birthday (CL-10; 300.520): the parents before it,
 * then the adult student — unless a court appointed a guardian (an order in force on that day). Lists
 * the court orders on file and, for `guardianship.court.record` holders, the guardians an order may
 * name. Null for other viewers. Two queries (the court orders shared with the rest of the request).
 */
export async function getDecisionRights(viewer: Viewer, studentId: string): Promise<DecisionRights | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  if (!target.may("student.guardians.read")) return null;
  const student = target.entity;
  const eighteenOn = addYears(student.birthDate, 18);
  const db = getDb();
  const [allOrders, guardians] = await Promise.all([
    courtOrdersOf(db, student.id),
    db
      .select({ id: guardianships.id, name: users.name, relation: guardianships.relation })
      .from(guardianships)
      .innerJoin(users, eq(users.id, guardianships.guardianUserId))
      .where(
        and(
          eq(guardianships.studentId, student.id),
          eq(guardianships.hasDecisionRights, true),
          eq(guardianships.restricted, false),
        ),
      )
      .orderBy(asc(users.name))
      .limit(20),
  ]);
  const orders = allOrders.slice(0, 20).map(({ guardianshipId: _id, ...order }) => order);
  const appointedToday = appointedOn(allOrders, viewer.today);
  const appointedAtEighteen = appointedOn(allOrders, eighteenOn > viewer.today ? eighteenOn : viewer.today);
  const canRecord = target.may("guardianship.court.record");
  return {
    studentId: student.id,
    studentName: `${student.firstName} ${student.lastName}`,
    today: viewer.today,
    eighteenOn,
    adult: eighteenOn <= viewer.today,
    relevant: eighteenOn <= addYears(viewer.today, 2) || orders.length > 0,
    holderToday: decisionRightsHolder(student.birthDate, viewer.today, appointedToday),
    holderFromEighteen: decisionRightsHolder(
      student.birthDate,
      eighteenOn > viewer.today ? eighteenOn : viewer.today,
      appointedAtEighteen,
    ),
    appointedNames: guardians.filter((g) => appointedToday.has(g.id)).map((g) => g.name),
    orders,
    guardians: canRecord ? guardians : [],
    canRecord,
  };
}

/**
 * `guardianship.court.record` (district admin, principal, case manager): records a court's order
 * appointing a guardian for the student as an adult (CL-10; 300.520(b)) — the guardian on file it
 * names (with decision rights, no restriction order), the court, the order's date (not in the future)
 * and the day it takes effect (on or after the order and the 18th birthday), and where the order is
 * kept. From that day the named guardian decides and signs; the student does not. Insert-only.
 */
export async function recordCourtGuardianship(
  viewer: Viewer,
  input: RecordCourtGuardianshipInput,
): Promise<{ id: string }> {
  return mutate(
    viewer,
    {
      action: "guardianship.court.record",
      event: "guardianship.court_recorded",
      load: studentTarget(input.studentId),
    },
    async ({ tx, target, details }) => {
      const student = target.entity;
      if (input.orderDate > viewer.today) throw fieldError("orderDate", "errors.courtGuardianship.orderInFuture");
      if (input.startsOn < addYears(student.birthDate, 18))
        throw fieldError("startsOn", "errors.courtGuardianship.beforeEighteen");
      const [g] = await tx
        .select()
        .from(guardianships)
        .where(and(eq(guardianships.id, input.guardianshipId), eq(guardianships.studentId, student.id)));
      if (!g) throw fieldError("guardianshipId", "validation.invalid");
      if (g.restricted || !g.hasDecisionRights)
        throw fieldError("guardianshipId", "errors.courtGuardianship.guardianCannotDecide");
      const [row] = await tx
        .insert(courtGuardianships)
        .values({
          districtId: viewer.districtId,
          studentId: student.id,
          guardianshipId: g.id,
          court: input.court,
          orderDate: input.orderDate,
          startsOn: input.startsOn,
          documentReference: input.documentReference,
          recordedBy: viewer.userId,
        })
        .returning({ id: courtGuardianships.id });
      Object.assign(details, { courtGuardianshipId: row!.id, guardianshipId: g.id });
      return { id: row!.id };
    },
  );
}
