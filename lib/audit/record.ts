import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents, auditEventStudents } from "@/db/schema";
import { AUDIT_EVENTS, type AuditAction } from "./catalog";

export interface AuditEntry {
  action: AuditAction;
  outcome?: "success" | "denied" | "failure";
  actor?: { userId: string; role: string; districtId: string } | null;
  districtId?: string | null;
  entityType?: string;
  entityId?: string;
  studentId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit event using `executor` — pass the open transaction so the event commits or
 * rolls back with the change it describes. The kind comes from the catalog, never the caller.
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditEvents).values(auditRow(entry));
}

function auditRow(entry: AuditEntry) {
  return {
    action: entry.action,
    kind: AUDIT_EVENTS[entry.action],
    outcome: entry.outcome ?? "success",
    actorUserId: entry.actor?.userId ?? null,
    actorRole: entry.actor?.role ?? null,
    districtId: entry.districtId ?? entry.actor?.districtId ?? null,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    studentId: entry.studentId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  };
}

/**
 * Appends one audit event that concerns many students (a list read, a whole-class change) and links
 * it to each of them in `audit_event_students`, so it appears in every listed student's record of
 * access. One statement whatever the number of students: the event is inserted in a data-modifying
 * CTE whose returned id feeds the links (the ids travel as one JSON parameter), so the event and its
 * links are written together or not at all without an explicit transaction. Inside a transaction it
 * commits or rolls back with the change it describes.
 */
export async function recordAuditForStudents(
  executor: Executor,
  entry: AuditEntry,
  studentIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(studentIds)];
  const event = executor.insert(auditEvents).values(auditRow(entry));
  if (ids.length === 0) {
    await event;
    return;
  }
  // Drizzle renders the embedded insert in parentheses: `with event as (insert … returning id)`.
  await executor.execute(
    sql`with event as ${event.returning({ id: auditEvents.id })}
        insert into ${auditEventStudents} (event_id, student_id)
        select event.id, value::uuid from event, jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)`,
  );
}
