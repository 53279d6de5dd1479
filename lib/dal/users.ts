import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardianships, schools, staffAssignments, users } from "@/db/schema";
import type { StaffMember } from "@/lib/dto/schools";
import { recordAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { activeLock, clearFailures, recordFailure, throttleSettings } from "@/lib/auth/throttle";
import { AppError, fieldError } from "@/lib/errors";
import { inForce } from "@/lib/policy";
import { isUuid, uuidSchema } from "@/lib/validation/ids";
import type { ChangePasswordInput } from "@/lib/validation/auth";
import type { UpdateSettingsInput } from "@/lib/validation/settings";
import { mutate, read, type Loader } from "./core";
import { districtTarget } from "./district";
import { decodeCursor, encodeCursor } from "./internal/cursor";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { now as clockNow } from "@/lib/time";

function selfTarget(): Loader<{ id: string; locale: string | null }> {
  return async (db, viewer) => {
    const [row] = await db
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(eq(users.id, viewer.userId))
      .limit(1);
    if (!row) return null;
    return { entity: row, entityType: "user", entityId: row.id, relationships: new Set(["self" as const]) };
  };
}

/** `user.settings.update`: the viewer changes their own preferences (interface language). */
export async function updateMySettings(viewer: Viewer, input: UpdateSettingsInput): Promise<void> {
  await mutate(
    viewer,
    { action: "user.settings.update", event: "user.settings_updated", load: selfTarget() },
    async ({ tx, target, details }) => {
      await tx.update(users).set({ locale: input.locale }).where(eq(users.id, target.entity.id));
      details.fields = ["locale"];
    },
  );
}

/** The throttle key of one account's password changes (wrong current passwords). */
const passwordChangeKey = (userId: string) => `password-change:${userId}`;

/**
 * `user.settings.update` (self): changes the viewer's password. The current password is required;
 * wrong ones are counted (5 lock the form for 15 minutes, like sign-in) and audited. On success the
 * session version is bumped, so every other session of the account ends; returns the new version.
 */
export async function changeMyPassword(
  viewer: Viewer,
  input: Pick<ChangePasswordInput, "currentPassword" | "newPassword">,
): Promise<{ sessionVersion: number }> {
  const db = getDb();
  const key = passwordChangeKey(viewer.userId);
  if (await activeLock(db, [key])) throw new AppError("RATE_LIMITED", "errors.passwordChangeLocked");
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, viewer.userId))
    .limit(1);
  const valid = row?.passwordHash ? await verifyPassword(row.passwordHash, input.currentPassword) : false;
  if (!valid) {
    const locked = await recordFailure(db, key, throttleSettings().accountMaxFailures);
    await recordAudit(db, {
      action: "auth.password_change_failed",
      outcome: "failure",
      actor: { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId },
      entityType: "user",
      entityId: viewer.userId,
      ip: viewer.ip,
      details: { reason: "wrong_password", locked: Boolean(locked) },
    });
    if (locked) throw new AppError("RATE_LIMITED", "errors.passwordChangeLocked");
    throw fieldError("currentPassword", "errors.currentPasswordWrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  const result = await mutate(
    viewer,
    { action: "user.settings.update", event: "auth.password_changed", load: selfTarget() },
    async ({ tx, target, details }) => {
      const [updated] = await tx
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, target.entity.id))
        .returning({ sessionVersion: users.sessionVersion });
      details.otherSessionsEnded = true;
      return { sessionVersion: updated!.sessionVersion };
    },
  );
  await clearFailures(db, key);
  return result;
}

/** Staff accounts per page of `/admin/staff`. */
export const STAFF_PAGE_SIZE = 50;

const staffCursorSchema = z.tuple([z.string().max(500), uuidSchema]);

/**
 * `staff.manage`: one page of the staff accounts of the viewer's district, by name then id, with their
 * current schools — a keyset page after `after` (an encoded cursor, null for the first page) through the
 * partial index `users (district_id, name, id) where role <> 'parent'`, and the schools of that page's
 * accounts only. `next` is the cursor of the following page (null on the last). Malformed cursors are
 * NOT_FOUND.
 */
export async function listDistrictStaff(
  viewer: Viewer,
  after: string | null = null,
  pageSize: number = STAFF_PAGE_SIZE,
): Promise<{ staff: StaffMember[]; next: string | null }> {
  await read(viewer, { action: "staff.manage", load: districtTarget() });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new AppError("VALIDATION");
  const cursor = after === null ? null : decodeCursor(after, staffCursorSchema);
  const db = getDb();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, isActive: users.isActive })
    .from(users)
    .where(
      and(
        eq(users.districtId, viewer.districtId),
        ne(users.role, "parent"),
        cursor ? sql`(${users.name}, ${users.id}) > (${cursor[0]}::text, ${cursor[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const assignments = page.length
    ? await db
        .select({ userId: staffAssignments.userId, schoolName: schools.name })
        .from(staffAssignments)
        .innerJoin(schools, eq(schools.id, staffAssignments.schoolId))
        .where(
          and(
            inArray(
              staffAssignments.userId,
              page.map((r) => r.id),
            ),
            eq(schools.districtId, viewer.districtId),
            inForce(staffAssignments, viewer.today),
          ),
        )
    : [];
  const bySchool = new Map<string, Set<string>>();
  for (const a of assignments) {
    const set = bySchool.get(a.userId) ?? new Set<string>();
    set.add(a.schoolName);
    bySchool.set(a.userId, set);
  }
  const last = page.at(-1);
  return {
    staff: page.map((r) => ({ ...r, schools: [...(bySchool.get(r.id) ?? [])].sort() })),
    next: rows.length > pageSize && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/**
 * `staff.manage`: activates or deactivates an account of the viewer's district. Deactivation
 * also bumps the session version, so every open session of that user ends on its next request.
 * Admins cannot deactivate themselves.
 */
export async function setUserActive(viewer: Viewer, input: { userId: string; active: boolean }): Promise<void> {
  await mutate(
    viewer,
    { action: "staff.manage", event: input.active ? "user.reactivated" : "user.deactivated", load: districtTarget() },
    async ({ tx, details }) => {
      if (!isUuid(input.userId)) throw new AppError("NOT_FOUND");
      if (input.userId === viewer.userId && !input.active)
        throw new AppError("VALIDATION", "errors.cannotDeactivateSelf");
      const updated = await tx
        .update(users)
        .set(
          input.active
            ? { isActive: true, deactivatedAt: null }
            : { isActive: false, deactivatedAt: clockNow(), sessionVersion: sql`${users.sessionVersion} + 1` },
        )
        .where(and(eq(users.id, input.userId), eq(users.districtId, viewer.districtId)))
        .returning({ id: users.id });
      if (updated.length === 0) throw new AppError("NOT_FOUND");
      details.userId = input.userId;
    },
  );
}

/**
 * `guardianship.manage`: records or lifts a restriction order on one guardianship of a student
 * the viewer can see. A restricted guardian loses access on their next request.
 */
export async function setGuardianshipRestriction(
  viewer: Viewer,
  input: { studentId: string; guardianshipId: string; restricted: boolean },
): Promise<void> {
  await mutate(
    viewer,
    { action: "guardianship.manage", event: "guardianship.restriction_changed", load: studentTarget(input.studentId) },
    async ({ tx, target, details }) => {
      if (!isUuid(input.guardianshipId)) throw new AppError("NOT_FOUND");
      const updated = await tx
        .update(guardianships)
        .set({ restricted: input.restricted })
        .where(and(eq(guardianships.id, input.guardianshipId), eq(guardianships.studentId, target.entity.id)))
        .returning({ id: guardianships.id });
      if (updated.length === 0) throw new AppError("NOT_FOUND");
      details.guardianshipId = input.guardianshipId;
      details.restricted = input.restricted;
    },
  );
}
