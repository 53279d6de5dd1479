import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { districts, revokedSessions, staffAssignments, users } from "@/db/schema";
import type { Role } from "@/lib/policy";
import { rememberDistrictSettings } from "./internal/settings";
import { districtTimeZone, todayIn } from "@/lib/time";

export type Locale = "en" | "es";

/** A staff assignment as the viewer query returns it (dates as YYYY-MM-DD). */
interface AssignmentRow {
  schoolId: string;
  role: string;
  startsOn: string;
  endsOn: string | null;
}

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
  // One statement for every request (npm run bench counts them): the user and district, whether the
  // session was signed out, and the user's school assignments (a handful), filtered to today's below
  // because "today" depends on the district's time zone.
  const [row] = await getDb()
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
      revoked:
        sessionId === undefined
          ? sql<boolean>`false`
          : sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${sessionId})`,
      assignments: sql<
        AssignmentRow[]
      >`coalesce((select json_agg(json_build_object('schoolId', ${staffAssignments.schoolId},
        'role', ${staffAssignments.role}, 'startsOn', ${staffAssignments.startsOn}, 'endsOn', ${staffAssignments.endsOn}))
        from ${staffAssignments} where ${staffAssignments.userId} = ${users.id}), '[]'::json)`,
    })
    .from(users)
    .innerJoin(districts, eq(districts.id, users.districtId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.isActive || row.sessionVersion !== sessionVersion || row.revoked) return null;
  // The district's settings came with the user: the request's settings readers use them (no second read).
  rememberDistrictSettings(row.districtId, row.settings);
  const timeZone = districtTimeZone(row.settings);
  const today = todayIn(timeZone);
  const assignments = row.assignments
    .filter((a) => a.startsOn <= today && (a.endsOn === null || a.endsOn >= today))
    .map((a) => ({ schoolId: a.schoolId, role: a.role }));
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
