/**
 * The action catalog: every verb PlanPath authorizes, and the relationships that allow it.
 * This is the executable copy of ../shared/domain/permissions.md; `matrix.test.ts` holds an
 * independent copy of the same table and fails when the two disagree.
 */

export const RELATIONSHIPS = [
  "districtAdmin",
  "principalOf",
  "coordinator504Of",
  "caseManagerOf",
  "teacherOf",
  "providerFor",
  "assignedImplementer",
  "guardianOf",
  "decisionMaker",
  "self",
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * Facts derived from the viewer's role alone, never from data about the resource: `staffMember`
 * (every role but parent), `classroomStaff` (teachers and providers, who log delivery),
 * `serviceStaff` (providers and case managers, who log service sessions), `dataCollector` (case
 * managers, teachers and providers: the roles that may be named to collect goal data) and
 * `familyMember` (the parent role: their own lists, each row still scoped by guardianship).
 */
export const ROLE_FACTS = ["staffMember", "classroomStaff", "serviceStaff", "dataCollector", "familyMember"] as const;
export type RoleFact = (typeof ROLE_FACTS)[number];

export type Fact = Relationship | RoleFact;
export type PlanType = "iep" | "504";

/** A grant: a fact, optionally limited to one plan type. */
export type Grant = Fact | { fact: Fact; planType: PlanType };

const planLead: Grant[] = [
  { fact: "caseManagerOf", planType: "iep" },
  { fact: "principalOf", planType: "504" },
  { fact: "coordinator504Of", planType: "504" },
];

const planReaders: Grant[] = [
  "districtAdmin",
  "principalOf",
  "caseManagerOf",
  "guardianOf",
  { fact: "coordinator504Of", planType: "504" },
];

const districtAdminOnly: Grant[] = ["districtAdmin"];

/** Staff who hold the student's whole record (identifiers, guardians, every section). */
const recordHolders: Grant[] = ["districtAdmin", "principalOf", "coordinator504Of", "caseManagerOf"];

export const ACTIONS = {
  "student.read": [
    "districtAdmin",
    "principalOf",
    "coordinator504Of",
    "caseManagerOf",
    "teacherOf",
    "providerFor",
    "guardianOf",
  ],
  "student.identifiers.read": [...recordHolders, "guardianOf"],
  "student.guardians.read": recordHolders,
  "student.sections.read": [...recordHolders, "guardianOf"],
  "school.read": ["districtAdmin", "principalOf", "coordinator504Of"],
  "caseload.read": ["self", "districtAdmin"],
  "section.read": ["teacherOf", "principalOf", "districtAdmin"],
  "plan.read": planReaders,
  "plan.draft.read": ["districtAdmin", "principalOf", "caseManagerOf", { fact: "coordinator504Of", planType: "504" }],
  "plan.glance.read": [...planReaders, "teacherOf", "providerFor", { fact: "coordinator504Of", planType: "iep" }],
  "plan.iep.create": ["caseManagerOf"],
  "plan.iep.edit": ["caseManagerOf"],
  "plan.504.create": ["principalOf", "coordinator504Of"],
  "plan.504.edit": ["principalOf", "coordinator504Of"],
  "plan.propose": planLead,
  "plan.finalize": planLead,
  "plan.activate": planLead,
  "plan.amend": planLead,
  "accommodation.acknowledge": ["assignedImplementer"],
  "implementation.log": ["assignedImplementer"],
  "implementation.read": [
    "districtAdmin",
    "principalOf",
    "caseManagerOf",
    { fact: "coordinator504Of", planType: "504" },
  ],
  "progress.data.create": ["caseManagerOf", "assignedImplementer"],
  "progressReport.draft": [{ fact: "caseManagerOf", planType: "iep" }],
  "progressReport.issue": [{ fact: "caseManagerOf", planType: "iep" }],
  "progressReport.read": planReaders,
  "progressReport.draft.read": ["districtAdmin", "principalOf", "caseManagerOf"],
  "progress.read": [...planReaders, "assignedImplementer"],
  "service.log": ["caseManagerOf", "assignedImplementer"],
  "service.read": ["districtAdmin", "principalOf", "caseManagerOf", "guardianOf", "assignedImplementer"],
  "service.export": ["districtAdmin", "principalOf", "caseManagerOf"],
  "service.own.read": ["serviceStaff"],
  "progress.own.read": ["dataCollector"],
  "goal.collectors.assign": [{ fact: "caseManagerOf", planType: "iep" }],
  "consent.respond": ["decisionMaker"],
  "consent.request": planLead,
  "consent.read": planReaders,
  "consent.record": planLead,
  "consent.own.list": ["familyMember"],
  "referral.create": ["principalOf", "coordinator504Of", "caseManagerOf", "teacherOf", "guardianOf"],
  "referral.manage": ["caseManagerOf", "principalOf"],
  "caseManager.assign": ["districtAdmin", "principalOf"],
  "transition.manage": planLead,
  "notice.send": planLead,
  "notice.read": planReaders,
  "notice.draft.read": ["districtAdmin", "principalOf", "caseManagerOf", { fact: "coordinator504Of", planType: "504" }],
  "meeting.read": ["districtAdmin", "principalOf", "caseManagerOf", { fact: "coordinator504Of", planType: "504" }],
  "meeting.schedule": planLead,
  "records.request": ["guardianOf"],
  "accessLog.read": ["districtAdmin", "guardianOf"],
  "audit.search": districtAdminOnly,
  "school.manage": districtAdminOnly,
  "staff.manage": districtAdminOnly,
  "guardianship.manage": districtAdminOnly,
  "calendar.manage": districtAdminOnly,
  "settings.manage": districtAdminOnly,
  "roster.import": districtAdminOnly,
  "coordinator504.designate": ["districtAdmin", "principalOf"],
  "workQueue.read": ["staffMember"],
  "bank.read": ["staffMember"],
  "coverage.read": ["staffMember"],
  "delivery.own.read": ["classroomStaff"],
  "caseEvent.read": ["districtAdmin", "principalOf", "caseManagerOf", { fact: "coordinator504Of", planType: "504" }],
  "caseEvent.record": [
    { fact: "caseManagerOf", planType: "iep" },
    "principalOf",
    { fact: "coordinator504Of", planType: "504" },
  ],
  "dueProcess.read": ["districtAdmin", "principalOf", "caseManagerOf", { fact: "coordinator504Of", planType: "504" }],
  "dueProcess.record": ["districtAdmin", ...planLead],
  "records.disclose": ["districtAdmin", ...planLead],
  "guardianship.court.record": ["districtAdmin", "principalOf", "caseManagerOf"],
  "complianceReport.read": districtAdminOnly,
  "dashboard.read": ["self"],
  "user.settings.update": ["self"],
} as const satisfies Record<string, readonly Grant[]>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

/**
 * Plan statuses a reader without `plan.draft.read` (a guardian) sees: what was shared with the
 * family (proposed and later), never staff drafts.
 */
export const SHARED_PLAN_STATUSES = ["proposed", "final", "active", "superseded", "ended"] as const;

/**
 * The portal navigation: each entry appears when its verb is granted. District-wide entries are
 * checked against the viewer's own relationships (`self`, and `districtAdmin` for admins);
 * `perSchool` entries once per current school assignment, with that assignment's relationship.
 */
export const NAVIGATION = [
  { key: "dashboard", href: "/", verb: "dashboard.read" },
  { key: "workQueue", href: "/work-queue", verb: "workQueue.read" },
  { key: "mySchool", href: "/schools/[schoolId]", verb: "school.read", perSchool: true },
  { key: "accommodations", href: "/accommodations", verb: "delivery.own.read" },
  { key: "consents", href: "/consents", verb: "consent.own.list" },
  { key: "services", href: "/services", verb: "service.own.read" },
  { key: "goalData", href: "/progress", verb: "progress.own.read" },
  { key: "coverage", href: "/coverage", verb: "coverage.read" },
  { key: "staff", href: "/admin/staff", verb: "staff.manage" },
  { key: "compliance", href: "/admin/compliance", verb: "complianceReport.read" },
  { key: "districtSettings", href: "/admin/settings", verb: "settings.manage" },
  { key: "settings", href: "/settings", verb: "user.settings.update" },
] as const satisfies readonly { key: string; href: string; verb: Action; perSchool?: true }[];

export type NavKey = (typeof NAVIGATION)[number]["key"];

/** The verb that edits drafts of a plan type: case managers author IEPs, 504 leads author 504 plans. */
export function editVerb(type: PlanType): Action {
  return type === "iep" ? "plan.iep.edit" : "plan.504.edit";
}

/** The verb that creates a plan of a type. */
export function createVerb(type: PlanType): Action {
  return type === "iep" ? "plan.iep.create" : "plan.504.create";
}
