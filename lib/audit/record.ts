import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
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
  await executor.insert(auditEvents).values({
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
  });
}
