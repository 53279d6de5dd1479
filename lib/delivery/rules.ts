import { z } from "zod";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";

/** Key of `districts.settings` (jsonb) holding the accommodation-delivery settings. */
export const DELIVERY_SETTINGS_KEY = "delivery";

/**
 * District settings for accommodation delivery (IDEA §300.323(d): every implementer is informed of
 * their responsibilities). The numbers are district choices, not law: the defaults are ours.
 */
export const deliverySettingsSchema = z
  .strictObject({
    /** Acknowledgment is due this many school days after activation or assignment (3). */
    acknowledgmentDueSchoolDays: z.number().int().min(1).max(30).default(3),
    /** An overdue acknowledgment escalates to the principal this many school days after it was due (5). */
    acknowledgmentEscalationSchoolDays: z.number().int().min(1).max(60).default(5),
    /** Implementation-log coverage looks back this many school days (10, about two weeks). */
    coverageWindowSchoolDays: z.number().int().min(1).max(60).default(10),
  })
  .prefault({});

export type DeliverySettings = z.output<typeof deliverySettingsSchema>;

/** Reads the delivery settings from `districts.settings`, falling back to the defaults when invalid. */
export function parseDeliverySettings(settings: Record<string, unknown>): DeliverySettings {
  const parsed = deliverySettingsSchema.safeParse(settings[DELIVERY_SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.data : deliverySettingsSchema.parse({});
}

export type AcknowledgmentState = "acknowledged" | "due" | "overdue" | "escalated";

export interface AcknowledgmentTiming {
  state: AcknowledgmentState;
  /** Last school day to acknowledge; null when the calendar has too few school days left. */
  due: string | null;
  /** The day an unacknowledged assignment reaches the principal's queue; null as above. */
  escalatesOn: string | null;
}

/**
 * When an implementer's acknowledgment is due and where it stands today. An assignment starts on
 * the later of the version's effective date and the day the teacher–student relationship began;
 * the acknowledgment is due N school days after that (counted on the school's calendar, the start
 * day itself never counts), and escalates M school days after the due date.
 */
export function acknowledgmentTiming(input: {
  assignedOn: string;
  acknowledgedOn: string | null;
  today: string;
  calendar: SchoolCalendar;
  settings: DeliverySettings;
}): AcknowledgmentTiming {
  const due = input.calendar.nthSchoolDayAfter(input.assignedOn, input.settings.acknowledgmentDueSchoolDays);
  const escalatesOn = due
    ? input.calendar.nthSchoolDayAfter(due, input.settings.acknowledgmentEscalationSchoolDays)
    : null;
  let state: AcknowledgmentState;
  if (input.acknowledgedOn) state = "acknowledged";
  else if (escalatesOn && input.today >= escalatesOn) state = "escalated";
  else if (due && input.today > due) state = "overdue";
  else state = "due";
  return { state, due, escalatesOn };
}

export interface AccommodationItem {
  itemId: string;
  text: string;
  teacherAction: string;
  classroom: boolean;
  testing: boolean;
}

/**
 * The accommodations that changed between the version an implementer last acknowledged and the
 * one in force: items are matched by their stable id across versions.
 */
export function changedSince(
  previous: AccommodationItem[],
  current: AccommodationItem[],
): { added: string[]; changed: string[]; removed: AccommodationItem[] } {
  const before = new Map(previous.map((item) => [item.itemId, item]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const item of current) {
    const old = before.get(item.itemId);
    if (!old) added.push(item.itemId);
    else if (
      old.text !== item.text ||
      old.teacherAction !== item.teacherAction ||
      old.classroom !== item.classroom ||
      old.testing !== item.testing
    )
      changed.push(item.itemId);
  }
  const currentIds = new Set(current.map((item) => item.itemId));
  return { added, changed, removed: previous.filter((item) => !currentIds.has(item.itemId)) };
}

/** The canonical form of an accommodation set that an acknowledgment is bound to (hashed by the caller). */
export function accommodationSet(items: AccommodationItem[]) {
  return [...items]
    .sort((a, b) => a.itemId.localeCompare(b.itemId))
    .map(({ itemId, text, teacherAction, classroom, testing }) => ({
      itemId,
      text,
      teacherAction,
      classroom,
      testing,
    }));
}
