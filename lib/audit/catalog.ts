import { coreEvents } from "./events/core";
import { deliveryEvents } from "./events/delivery";
import { planEvents } from "./events/plans";
import { deadlineEvents } from "./events/deadlines";
import { lifecycleEvents } from "./events/lifecycle";
import { consentEvents } from "./events/consents";
import { meetingEvents } from "./events/meetings";
import { serviceEvents } from "./events/services";
import { progressEvents } from "./events/progress";
import { referralEvents } from "./events/referrals";
import { progressReportEvents } from "./events/progress-reports";

/**
 * Every audit event PlanPath writes, by name (past tense), with its kind. Each domain keeps its
 * events in `events/<domain>.ts`. Details never hold the text a user typed: only ids, field names
 * and counts.
 */
export const AUDIT_EVENTS = {
  ...coreEvents,
  ...planEvents,
  ...deliveryEvents,
  ...deadlineEvents,
  ...lifecycleEvents,
  ...consentEvents,
  ...meetingEvents,
  ...serviceEvents,
  ...progressEvents,
  ...referralEvents,
  ...progressReportEvents,
} as const satisfies Record<string, "access" | "auth" | "mutation">;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export type AuditKind = (typeof AUDIT_EVENTS)[AuditAction];
