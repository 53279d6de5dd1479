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

/** Facts derived from the viewer's role alone, never from data about the resource. */
export const ROLE_FACTS = ["staffMember"] as const;
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
  "school.read": ["districtAdmin", "principalOf", "coordinator504Of"],
  "caseload.read": ["self", "districtAdmin"],
  "section.read": ["teacherOf", "principalOf", "districtAdmin"],
  "plan.read": planReaders,
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
  "progress.report.finalize": ["caseManagerOf"],
  "progress.read": [...planReaders, "assignedImplementer"],
  "consent.respond": ["decisionMaker"],
  "referral.create": ["principalOf", "coordinator504Of", "caseManagerOf", "teacherOf", "guardianOf"],
  "transition.manage": planLead,
  "notice.send": planLead,
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
  "caseEvent.read": ["districtAdmin", "principalOf", "caseManagerOf", { fact: "coordinator504Of", planType: "504" }],
  "caseEvent.record": [
    { fact: "caseManagerOf", planType: "iep" },
    "principalOf",
    { fact: "coordinator504Of", planType: "504" },
  ],
  "complianceReport.read": districtAdminOnly,
  "user.settings.update": ["self"],
} as const satisfies Record<string, readonly Grant[]>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];
