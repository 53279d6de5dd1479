import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { dueProcessFilings, users } from "@/db/schema";
import { perRequest, shareable } from "./request-cache";

/**
 * Every due-process filing of the student with the name of who recorded it, newest first, in one
 * query (a student has a handful). Through the app's pool it is read once per request and shared by
 * the sections of the student page (stay-put, transitions); through an open transaction it is read
 * fresh. Unscoped: callers loaded the student through the viewer's scope and filter by program. The
 * rows are shared: read only.
 */
export function studentFilingsOf(db: Executor, studentId: string) {
  const load = () =>
    db
      .select({ filing: dueProcessFilings, recordedByName: users.name })
      .from(dueProcessFilings)
      .leftJoin(users, eq(users.id, dueProcessFilings.recordedBy))
      .where(eq(dueProcessFilings.studentId, studentId))
      .orderBy(desc(dueProcessFilings.filedOn), desc(dueProcessFilings.createdAt));
  return shareable(db) ? perRequest(`student-filings:${studentId}`, load) : load();
}
