import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { districts, revokedSessions, staffAssignments, users } from "@/db/schema";
import type { Role } from "@/lib/policy";
import { inForce } from "@/lib/policy";
import { DEFAULT_TIME_ZONE, todayIn } from "@/lib/time";

export type Locale = "en" | "es";

/** The signed-in person, re-read from the database on every request. */
export interface Viewer {
  userId: string;
  districtId: string;
  districtName: string;
  role: Role;
  name: string;
  email: string;
  locale: Locale | null;
  sessionVersion: number;
  /** The browser session (JWT `sid`) this request came with; absent for feeds and jobs. */
  sessionId?: string;
  timeZone: string;
  /** The district's local date (YYYY-MM-DD): relationships in force today decide access. */
  today: string;
  /** Current school assignments (principal, 504 coordinator, case manager, teacher, provider). */
  schoolRoles: { schoolId: string; role: string }[];
  ip?: string | null;
}

/**
 * Loads the viewer for a session. Unscoped by design (auth only): returns null when the user does
 * not exist, is deactivated, the session's version is stale (sign-out everywhere), or — given a
 * `sessionId` — that session was signed out.
 */
export async function unsafeLoadViewer(
  userId: string,
  sessionVersion: number,
  sessionId?: string,
): Promise<Viewer | null> {
  const db = getDb();
  const [row] = await db
    .select({
      userId: users.id,
      districtId: users.districtId,
      districtName: districts.name,
      settings: districts.settings,
      role: users.role,
      name: users.name,
      email: users.email,
      locale: users.locale,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .innerJoin(districts, eq(districts.id, users.districtId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.isActive || row.sessionVersion !== sessionVersion) return null;
  if (sessionId !== undefined) {
    const [revoked] = await db
      .select({ sessionId: revokedSessions.sessionId })
      .from(revokedSessions)
      .where(eq(revokedSessions.sessionId, sessionId))
      .limit(1);
    if (revoked) return null;
  }
  const timeZone = typeof row.settings.timeZone === "string" ? row.settings.timeZone : DEFAULT_TIME_ZONE;
  const today = todayIn(timeZone);
  const assignments = await db
    .select({ schoolId: staffAssignments.schoolId, role: staffAssignments.role })
    .from(staffAssignments)
    .where(and(eq(staffAssignments.userId, userId), inForce(staffAssignments, today)));
  return {
    userId: row.userId,
    districtId: row.districtId,
    districtName: row.districtName,
    role: row.role,
    name: row.name,
    email: row.email,
    locale: row.locale,
    sessionVersion: row.sessionVersion,
    ...(sessionId !== undefined ? { sessionId } : {}),
    timeZone,
    today,
    schoolRoles: assignments,
  };
}
