import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { recordCaseEvent } from "@/lib/dal/case-events";
import type { Viewer } from "@/lib/dal/viewer";
import { getDb } from "../client";
import { dbError, failsWith } from "./errors";

/**
 * While a due-process filing is pending (stay-put, CL-7) an "exited" case event recorded by hand for
 * the student is refused twice over: by the DAL with a specific message and by the database trigger.
 */
export async function expectExitRefusedUnderStayPut(viewer: Viewer, districtId: string, studentId: string) {
  await expect(
    recordCaseEvent(viewer, { studentId, type: "exited", date: viewer.today, exitReason: "moved" } as never),
  ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.exitUnderStayPut"));
  await expect(
    getDb().execute(
      sql`insert into case_events (district_id, student_id, type, date, exit_reason)
          values (${districtId}, ${studentId}, 'exited', ${viewer.today}, 'moved')`,
    ),
  ).rejects.toSatisfy(dbError(/stay-put/));
}
