import { randomUUID } from "node:crypto";
import type { IepContent, Plan504Content } from "@/lib/validation/plans";

/** A complete IEP draft (passes every completeness rule) for a student born before `meetingDate` − 14 years is not required. */
export function completeIepContent(overrides: Partial<IepContent> = {}): IepContent {
  return {
    meetingDate: "2026-10-15",
    presentLevels:
      "Reads 42 words correct per minute on grade-2 passages; decoding of multisyllabic words is emerging.",
    parentConcerns: "Homework takes a long time.",
    goals: [
      {
        id: randomUUID(),
        area: "reading",
        text: "Will read grade-3 passages at 90 words correct per minute with 95% accuracy.",
        baseline: "42 wcpm, 88% accuracy",
        target: "90 wcpm, 95% accuracy",
        measurement: "Curriculum-based measurement (oral reading fluency)",
        schedule: "Every two weeks",
        objectives: [
          {
            id: randomUUID(),
            text: "Reads 60 wcpm",
            criteria: "3 of 4 consecutive probes",
            evaluation: "ORF probe",
            schedule: "By January",
          },
        ],
      },
    ],
    services: [
      {
        id: randomUUID(),
        category: "special_education",
        type: "Specialized reading instruction",
        minutes: "150",
        frequency: "week",
        location: "special_education",
        providerUserId: "",
        providerName: "Case manager",
        startDate: "2026-10-20",
        endDate: "2027-10-14",
      },
    ],
    accommodations: [
      {
        id: randomUUID(),
        kind: "accommodation",
        text: "Extended time (1.5x) on tests and quizzes",
        teacherAction: "Give 50% more time on every test and quiz.",
        classroom: true,
        testing: true,
        responsible: "",
      },
      {
        id: randomUUID(),
        kind: "accommodation",
        text: "Preferential seating",
        teacherAction: "Seat near the teacher, away from the door.",
        classroom: true,
        testing: false,
        responsible: "",
      },
    ],
    lre: {
      schoolHoursPerWeek: "32",
      hoursWithPeers: "29",
      explanation: "Pull-out reading instruction only; all other time in general education.",
    },
    transition: { assessments: "", postsecondaryEducation: "", employment: "", independentLiving: "", services: "" },
    implementers: [{ id: randomUUID(), name: "Classroom teacher", role: "Grade 3 teacher" }],
    ...overrides,
  };
}

/** A complete 504 plan draft. */
export function complete504Content(overrides: Partial<Plan504Content> = {}): Plan504Content {
  return {
    meetingDate: "2026-10-15",
    impairment: "ADHD, combined presentation (physician diagnosis)",
    majorLifeActivities: ["concentrating", "learning"],
    basis: "actual",
    evaluationSources: "Physician letter, teacher rating scales, grades",
    mitigatingMeasures: "Medication taken at home",
    accommodations: [
      {
        id: randomUUID(),
        kind: "accommodation",
        text: "Movement breaks",
        teacherAction: "Offer a 2-minute break every 30 minutes.",
        classroom: true,
        testing: false,
        responsible: "All teachers",
      },
    ],
    reviewDate: "2027-10-15",
    ...overrides,
  };
}
