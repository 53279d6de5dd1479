import type { MinutesLine, ServiceFrequency } from "@/lib/services/minutes";
import type { SessionStatusName } from "@/lib/validation/services";

/** One logged session as a reader sees it (the current entry; corrections applied). */
export interface ServiceSessionView {
  id: string;
  date: string;
  minutes: number;
  status: SessionStatusName;
  groupSize: number;
  makeUp: boolean;
  corrected: boolean;
  goals: number;
  /** Staff only (null for guardians): who logged it and the note. */
  loggedBy: string | null;
  note: string | null;
}

/** One service of an IEP version, with required vs delivered minutes over its time in force. */
export interface ServiceMinutesView {
  serviceId: string;
  versionNumber: number;
  serviceType: string;
  category: string;
  location: string;
  minutes: number;
  frequency: ServiceFrequency;
  provider: string | null;
  from: string;
  to: string;
  total: MinutesLine;
  short: boolean;
  weeks: MinutesLine[];
  months: MinutesLine[];
  sessions: ServiceSessionView[];
  /** Missed by the provider and not made up yet (what a make-up can name). */
  missed: { id: string; date: string; minutes: number }[];
  /** The version's goals, for "goals addressed" (only when the viewer may log). */
  goals: { id: string; area: string; text: string }[];
  canLog: boolean;
}

export interface StudentServicesView {
  student: { id: string; name: string };
  shortfallPercent: number;
  services: ServiceMinutesView[];
  canExport: boolean;
  today: string;
}

/** A service on the provider's entry screen. */
export interface ProviderServiceRow {
  serviceId: string;
  studentId: string;
  studentName: string;
  grade: string;
  serviceType: string;
  minutes: number;
  frequency: ServiceFrequency;
  goals: { id: string; area: string; text: string }[];
  week: MinutesLine;
  /** Sessions logged on the chosen date. */
  logged: { id: string; minutes: number; status: SessionStatusName; groupSize: number }[];
}

export interface ProviderServicesView {
  date: string;
  isSchoolDay: boolean;
  services: ProviderServiceRow[];
}

/** The district's goal-data, service-minute and progress-reporting settings (defaults filled in). */
export interface DataSettingsView {
  backdateReasonSchoolDays: number;
  staleGoalSchoolDays: number;
  masteryPoints: number;
  aimlineTolerancePercent: number;
  flatTrendPercent: number;
  shortfallPercent: number;
  progressReports: "report_cards" | "iep_schedule";
}
