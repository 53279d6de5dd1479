import type { LegalDocument } from "@/lib/documents/model";
import type { PwnElement } from "@/lib/validation/meetings";

export type MeetingProgram = "iep" | "504";
export type MeetingStatus = "scheduled" | "held" | "cancelled";

export interface MeetingSummary {
  id: string;
  program: MeetingProgram;
  status: MeetingStatus;
  purposes: string[];
  scheduledOn: string;
  startsAt: string;
  noticeSentOn: string | null;
  heldOn: string | null;
  cancelledOn: string | null;
  rescheduledFromId: string | null;
}

export interface NoticeSummary {
  id: string;
  program: MeetingProgram;
  status: "draft" | "sent";
  action: string;
  subject: string;
  sentOn: string | null;
  implementationDate: string | null;
}

/** Someone who may be invited: a staff member of the student's team or a guardian with notice rights. */
export interface TeamMember {
  key: string;
  name: string;
  kind: "staff" | "guardian";
  userId: string | null;
  guardianshipId: string | null;
  /** The role suggested for the invitation (a case manager as special-education teacher, …). */
  suggestedRole: string;
}

/** The meetings and notices page of a student, shaped by what the viewer may do. */
export interface StudentMeetings {
  studentId: string;
  studentName: string;
  today: string;
  /** Staff view (meeting.read) or the family's view (sent notices only). */
  staff: boolean;
  meetings: MeetingSummary[];
  notices: NoticeSummary[];
  canSchedule: MeetingProgram[];
  canWriteNotice: MeetingProgram[];
  team: TeamMember[];
  /** Plan versions a notice may propose (not yet in force), for the notice form. */
  versions: { id: string; program: MeetingProgram; number: number; status: string }[];
}

export interface ParticipantView {
  id: string;
  role: string;
  name: string;
  kind: "staff" | "guardian" | "other";
  attended: boolean | null;
  excused: boolean;
  excusalConsentRequestId: string | null;
  writtenInputReceived: boolean;
}

export interface MeetingDetail {
  studentId: string;
  studentName: string;
  today: string;
  staff: boolean;
  meeting: MeetingSummary & {
    location: string | null;
    videoLink: string | null;
    language: string;
    shorterNoticeAgreed: boolean;
    decisions: string | null;
    notes: string | null;
    cancelReason: string | null;
    planVersionId: string | null;
  };
  participants: ParticipantView[];
  /** The notice: as sent (stored) once sent, else the preview the lead reviews. */
  notice: LegalDocument;
  noticeStored: boolean;
  /** Last day the notice may go out on time (D-06), for a PPT not yet noticed. */
  noticeDueBy: string | null;
  noticeShort: boolean;
  shorterNoticeAllowed: boolean;
  canSendNotice: boolean;
  canHold: boolean;
  canCancel: boolean;
  /** Required PPT roles (300.321) no invitee holds. */
  requiredRolesUninvited: string[];
  team: TeamMember[];
  /** This meeting's excusal consents the parent granted (C-06): what a member may be excused with. */
  excusalConsents: ExcusalConsentOption[];
}

export interface ExcusalConsentOption {
  id: string;
  requestedOn: string;
  /** The day the grant was recorded (district-local). */
  grantedOn: string;
}

export interface NoticeDetail {
  studentId: string;
  studentName: string;
  today: string;
  staff: boolean;
  notice: NoticeSummary & {
    planVersionId: string | null;
    meetingId: string | null;
    language: string;
    deliveryMethod: string | null;
    agreedImplementationDate: string | null;
    elements: Record<PwnElement, string>;
  };
  missing: PwnElement[];
  /** The stored document once sent, else the draft preview. */
  document: LegalDocument;
  canEdit: boolean;
}
