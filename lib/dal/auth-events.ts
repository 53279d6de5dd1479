import "server-only";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import type { Viewer } from "./viewer";

/** Records that the viewer signed out (auth event, no data changed). */
export async function recordSignOut(viewer: Viewer): Promise<void> {
  await recordAudit(getDb(), {
    action: "auth.signed_out",
    actor: { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId },
    entityType: "user",
    entityId: viewer.userId,
    ip: viewer.ip,
  });
}
