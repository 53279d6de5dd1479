import { eq } from "drizzle-orm";
import { addYears } from "@/lib/compliance/dates";
import { accommodationSet } from "@/lib/delivery/rules";
import { contentHash } from "@/lib/plans/hash";
import { materializedRows } from "@/lib/plans/materialize";
import { emptyContent, type IepContent, type Plan504Content, type PlanContent } from "@/lib/validation/plans";
import type { Transaction } from "../client";
import {
  acknowledgments,
  meetings,
  planAccommodations,
  planGoals,
  planObjectives,
  plans,
  planServices,
  planVersions,
} from "../schema";
import { addDays, iso } from "./calendar";
import { seedId } from "./ids";
import { heldMeeting, legalRecordFor } from "../testing/lifecycle-fixtures";
import type { PersonaKey } from "./personas";

type Status = "draft" | "proposed" | "final" | "active" | "superseded" | "ended";

interface Context {
  today: string;
  districtId: string;
  studentId: (key: string) => string;
  userId: (key: PersonaKey) => string;
}

const day = (today: string, offset: number) => iso(addDays(new Date(`${today}T00:00:00Z`), offset));
const at = (date: string) => new Date(`${date}T14:00:00Z`);

/** An IEP draft with realistic Connecticut content; item ids are fixed per student so versions line up. */
function iep(
  key: string,
  meetingDate: string,
  options: {
    name: string;
    implementers: [string, string][];
    withTransition?: boolean;
    providerUserId?: string;
    extended?: "1.5x" | "2x";
  },
): IepContent {
  const id = (item: string) => seedId(`plan-item:${key}:${item}`);
  const start = day(meetingDate, 5);
  const end = addYears(meetingDate, 1);
  return {
    meetingDate,
    presentLevels: `${options.name} reads grade-level text at about 60% of the fluency benchmark and relies on picture cues to decode unfamiliar words. Comprehension is stronger when text is read aloud. In math, ${options.name} computes accurately with manipulatives but struggles with multi-step word problems. Attention and effort are good in small groups.`,
    parentConcerns: "Homework takes a long time and causes frustration at home.",
    goals: [
      {
        id: id("goal-reading"),
        area: "reading",
        text: `Given grade-level passages, ${options.name} will read aloud with 95% accuracy at the spring grade-level fluency benchmark.`,
        baseline: "58 words correct per minute, 89% accuracy (fall benchmark)",
        target: "Spring grade-level benchmark, 95% accuracy",
        measurement: "Curriculum-based measurement (oral reading fluency)",
        schedule: "Every two weeks; reported with report cards",
        objectives: [
          {
            id: id("obj-reading-1"),
            text: "Reads instructional-level passages with 93% accuracy",
            criteria: "3 of 4 consecutive probes",
            evaluation: "Oral reading fluency probe",
            schedule: "By the end of the first marking period",
          },
          {
            id: id("obj-reading-2"),
            text: "Reaches the winter fluency benchmark for the prior grade",
            criteria: "2 consecutive probes",
            evaluation: "Oral reading fluency probe",
            schedule: "By the end of the second marking period",
          },
        ],
      },
      {
        id: id("goal-math"),
        area: "math",
        text: `${options.name} will solve two-step word problems with 80% accuracy.`,
        baseline: "45% accuracy on two-step problems (September probe)",
        target: "80% accuracy",
        measurement: "Curriculum-based measurement (problem solving)",
        schedule: "Every two weeks; reported with report cards",
        objectives: [
          {
            id: id("obj-math-1"),
            text: "Identifies the operations needed in two-step problems",
            criteria: "4 of 5 trials",
            evaluation: "Teacher-made probe",
            schedule: "By the end of the first marking period",
          },
        ],
      },
    ],
    services: [
      {
        id: id("svc-reading"),
        category: "special_education",
        type: "Specialized reading instruction (Orton-Gillingham based)",
        minutes: "150",
        frequency: "week",
        location: "special_education",
        providerUserId: "",
        providerName: "Special education teacher",
        startDate: start,
        endDate: end,
      },
      {
        id: id("svc-math"),
        category: "special_education",
        type: "Math support in the general education classroom",
        minutes: "90",
        frequency: "week",
        location: "general_education",
        providerUserId: "",
        providerName: "Special education teacher",
        startDate: start,
        endDate: end,
      },
      ...(options.providerUserId
        ? [
            {
              id: id("svc-speech"),
              category: "related" as const,
              type: "Speech-language therapy",
              minutes: "60",
              frequency: "week" as const,
              location: "special_education" as const,
              providerUserId: options.providerUserId,
              providerName: "Speech-language pathologist",
              startDate: start,
              endDate: end,
            },
          ]
        : []),
    ],
    accommodations: [
      {
        id: id("acc-time"),
        kind: "accommodation",
        text: `Extended time (${options.extended ?? "1.5x"})`,
        teacherAction:
          options.extended === "2x"
            ? "Give double time on tests, quizzes and timed in-class tasks."
            : "Give 50% more time on tests, quizzes and timed in-class tasks.",
        classroom: false,
        testing: true,
        responsible: "",
      },
      {
        id: id("acc-read-aloud"),
        kind: "accommodation",
        text: "Directions read aloud",
        teacherAction: "Read written directions aloud and check that the student can restate them.",
        classroom: true,
        testing: true,
        responsible: "",
      },
      {
        id: id("acc-organizer"),
        kind: "accommodation",
        text: "Graphic organizer for writing",
        teacherAction: "Provide a graphic organizer before any writing task longer than a paragraph.",
        classroom: true,
        testing: false,
        responsible: "",
      },
      {
        id: id("acc-seating"),
        kind: "accommodation",
        text: "Preferential seating",
        teacherAction: "Seat the student near the teacher and away from doors and windows.",
        classroom: true,
        testing: true,
        responsible: "",
      },
    ],
    lre: {
      schoolHoursPerWeek: "32",
      hoursWithPeers: "29",
      explanation:
        "Pulled out for 2.5 hours a week of specialized reading instruction; all other instruction in the general education classroom.",
    },
    transition: options.withTransition
      ? {
          assessments:
            "Career interest inventory (October); transition planning interview with student and parent (October)",
          postsecondaryEducation: "After graduation, attend a community college program in early childhood education.",
          employment: "Work part-time in a child-care setting while in college.",
          independentLiving: "",
          services:
            "College-preparatory course of study; job-shadowing at a local preschool; referral to the Bureau of Rehabilitation Services in grade 11.",
        }
      : emptyContent("iep").transition,
    implementers: options.implementers.map(([name, role], i) => ({ id: id(`impl-${i}`), name, role })),
  };
}

function plan504(key: string, meetingDate: string, name: string, extra: Partial<Plan504Content> = {}): Plan504Content {
  const id = (item: string) => seedId(`plan-item:${key}:${item}`);
  return {
    meetingDate,
    impairment:
      "Attention-deficit/hyperactivity disorder, combined presentation (diagnosed by the student's physician).",
    majorLifeActivities: ["concentrating", "learning", "thinking"],
    basis: "actual",
    evaluationSources: "Physician's letter; teacher rating scales (Vanderbilt); grades and attendance; parent input.",
    mitigatingMeasures: `${name} takes prescribed medication before school.`,
    accommodations: [
      {
        id: id("acc-breaks"),
        kind: "accommodation",
        text: "Movement breaks",
        teacherAction: "Offer a short movement break (errand, stretch) every 20–30 minutes.",
        classroom: true,
        testing: false,
        responsible: "All teachers",
      },
      {
        id: id("acc-checklist"),
        kind: "accommodation",
        text: "Checklist for multi-step tasks",
        teacherAction: "Give a written checklist for assignments with more than two steps.",
        classroom: true,
        testing: false,
        responsible: "All teachers",
      },
      {
        id: id("acc-setting"),
        kind: "accommodation",
        text: "Separate setting for tests",
        teacherAction: "Let the student take tests in a small, quiet room with a proctor.",
        classroom: false,
        testing: true,
        responsible: "Classroom teachers and the testing coordinator",
      },
    ],
    reviewDate: addYears(meetingDate, 1),
    ...extra,
  };
}

async function addVersion(
  tx: Transaction,
  spec: {
    key: string;
    planId: string;
    studentId: string;
    type: "iep" | "504";
    number: number;
    status: Status;
    content: PlanContent;
    meeting: string;
    effectiveOn?: string;
    endedOn?: string;
    basedOn?: string;
    author: string;
    /** Implementers who acknowledged this version while it was in force (user id, day). */
    acks?: { userId: string; on: string }[];
  },
): Promise<string> {
  const versionId = seedId(`version:${spec.key}:${spec.number}`);
  const [existing] = await tx.select({ id: planVersions.id }).from(planVersions).where(eq(planVersions.id, versionId));
  if (existing) return versionId;
  const base = {
    id: versionId,
    planId: spec.planId,
    studentId: spec.studentId,
    planType: spec.type,
    number: spec.number,
    content: spec.content,
    basedOnVersionId: spec.basedOn ?? null,
    createdBy: spec.author,
    updatedBy: spec.author,
    createdAt: at(day(spec.meeting, -7)),
  };
  if (spec.status === "draft" || spec.status === "proposed") {
    await tx.insert(planVersions).values({ ...base, status: "draft" });
    if (spec.status === "proposed")
      await tx
        .update(planVersions)
        .set({ status: "proposed", proposedAt: at(day(spec.meeting, -3)) })
        .where(eq(planVersions.id, versionId));
    return versionId;
  }
  const reviewDue = spec.type === "iep" ? addYears(spec.meeting, 1) : (spec.content as Plan504Content).reviewDate;
  // The lifecycle gates (migration 0018) need the legal record behind a final version: stand-in rows
  // until the demo seed tells the full story of meetings, notices and consents.
  await tx.insert(planVersions).values({ ...base, status: "draft" });
  const { meetingId } = await legalRecordFor(tx, versionId, spec.author, (name) =>
    seedId(`legal:${versionId}:${name}`),
  );
  await tx
    .update(planVersions)
    .set({
      status: "final",
      meetingId,
      contentHash: contentHash(spec.content),
      reviewDue,
      proposedAt: at(day(spec.meeting, -3)),
      finalizedAt: at(spec.meeting),
    })
    .where(eq(planVersions.id, versionId));
  const rows = materializedRows(versionId, spec.type, spec.content, (goalItemId) =>
    seedId(`goal-row:${versionId}:${goalItemId}`),
  );
  if (rows.accommodations.length)
    await tx
      .insert(planAccommodations)
      .values(rows.accommodations.map((r) => ({ ...r, id: seedId(`acc-row:${versionId}:${r.itemId}`) })));
  if (rows.services.length)
    await tx
      .insert(planServices)
      .values(rows.services.map((r) => ({ ...r, id: seedId(`svc-row:${versionId}:${r.itemId}`) })));
  if (rows.goals.length) await tx.insert(planGoals).values(rows.goals);
  if (rows.objectives.length)
    await tx
      .insert(planObjectives)
      .values(rows.objectives.map((r) => ({ ...r, id: seedId(`obj-row:${versionId}:${r.itemId}`) })));
  if (spec.status === "final") return versionId;
  await tx
    .update(planVersions)
    .set({ status: "active", effectiveOn: spec.effectiveOn!, activatedAt: at(spec.effectiveOn!) })
    .where(eq(planVersions.id, versionId));
  if (spec.acks?.length) {
    const hash = contentHash(
      accommodationSet(
        rows.accommodations.map((a) => ({
          itemId: a.itemId,
          text: a.text,
          teacherAction: a.teacherAction,
          classroom: a.classroom,
          testing: a.testing,
        })),
      ),
    );
    await tx.insert(acknowledgments).values(
      spec.acks.map((ack) => ({
        id: seedId(`ack:${versionId}:${ack.userId}`),
        versionId,
        userId: ack.userId,
        studentId: spec.studentId,
        accommodationHash: hash,
        acknowledgedAt: at(ack.on),
      })),
    );
  }
  if (spec.status === "active") return versionId;
  await tx
    .update(planVersions)
    .set({ status: spec.status, endedOn: spec.endedOn!, closedAt: at(day(spec.endedOn!, 1)) })
    .where(eq(planVersions.id, versionId));
  return versionId;
}

async function addPlan(
  tx: Transaction,
  ctx: Context,
  key: string,
  studentKey: string,
  type: "iep" | "504",
  author: string,
  endedOn?: string,
) {
  const planId = seedId(`plan:${key}`);
  await tx
    .insert(plans)
    .values({
      id: planId,
      districtId: ctx.districtId,
      studentId: ctx.studentId(studentKey),
      type,
      createdBy: author,
      endedAt: endedOn ? at(day(endedOn, 1)) : null,
    })
    .onConflictDoNothing();
  return planId;
}

/**
 * Demo plans in every status for both plan types, dated relative to the seed day:
 * IEPs — draft, proposed, final, active, superseded (and an amendment in progress), ended;
 * 504 plans — draft, proposed, final, active, superseded, ended; plus both 504→IEP and IEP→504
 * transitions with no gap day. Versions of an existing plan are never rewritten.
 */
export async function seedPlans(tx: Transaction, ctx: Context): Promise<void> {
  const { today } = ctx;
  const cmMaple = ctx.userId("caseManagerMaple");
  const cmHigh = ctx.userId("caseManagerHigh");
  const pMaple = ctx.userId("principalMaple");
  const pHigh = ctx.userId("principalHigh");
  const v = (spec: Parameters<typeof addVersion>[1]) => addVersion(tx, spec);

  const mateoPlan = await addPlan(tx, ctx, "mateo-iep", "mateo-garcia", "iep", cmMaple);
  const mateo = ctx.studentId("mateo-garcia");
  const mateoImplementers: [string, string][] = [
    ["Priya Natarajan", "Case manager"],
    ["Samuel Brooks", "Grade 4 teacher"],
  ];
  const m1Meeting = day(today, -400);
  const m1 = iep("mateo", m1Meeting, { name: "Mateo", implementers: mateoImplementers });
  const brooks = ctx.userId("teacherMaple4");
  const morales = ctx.userId("teacherEnglish");
  const chen = ctx.userId("teacherMath");
  const m1Id = await v({
    key: "mateo-iep",
    planId: mateoPlan,
    studentId: mateo,
    type: "iep",
    number: 1,
    status: "superseded",
    content: m1,
    meeting: m1Meeting,
    effectiveOn: day(m1Meeting, 10),
    endedOn: day(today, -56),
    author: cmMaple,
    acks: [{ userId: brooks, on: day(m1Meeting, 12) }],
  });
  const m2Meeting = day(today, -65);
  const m2 = iep("mateo", m2Meeting, { name: "Mateo", implementers: mateoImplementers, extended: "2x" });
  m2.goals[0]!.baseline = "72 words correct per minute, 93% accuracy (September benchmark)";
  m2.goals[0]!.objectives.push({
    id: seedId("plan-item:mateo:obj-reading-3"),
    text: "Reads grade-level passages at the winter benchmark",
    criteria: "2 consecutive probes",
    evaluation: "Oral reading fluency probe",
    schedule: "By the end of the third marking period",
  });
  m2.accommodations = m2.accommodations.filter((a) => !a.text.startsWith("Graphic organizer"));
  m2.accommodations.push({
    id: seedId("plan-item:mateo:acc-tts"),
    kind: "accommodation",
    text: "Text-to-speech for grade-level text",
    teacherAction: "Let Mateo listen to assigned readings with text-to-speech.",
    classroom: true,
    testing: false,
    responsible: "",
  });
  const m2Id = await v({
    key: "mateo-iep",
    planId: mateoPlan,
    studentId: mateo,
    type: "iep",
    number: 2,
    status: "active",
    content: m2,
    meeting: m2Meeting,
    effectiveOn: day(today, -55),
    basedOn: m1Id,
    author: cmMaple,
  });
  const m3 = structuredClone(m2);
  m3.presentLevels += " Since October, Mateo has begun self-correcting most decoding errors.";
  await v({
    key: "mateo-iep",
    planId: mateoPlan,
    studentId: mateo,
    type: "iep",
    number: 3,
    status: "draft",
    content: m3,
    meeting: day(today, -2),
    basedOn: m2Id,
    author: cmMaple,
  });

  const emmaPlan = await addPlan(tx, ctx, "emma-iep", "emma-miller", "iep", cmMaple);
  await v({
    key: "emma-iep",
    planId: emmaPlan,
    studentId: ctx.studentId("emma-miller"),
    type: "iep",
    number: 1,
    status: "proposed",
    content: iep("emma", day(today, -4), {
      name: "Emma",
      implementers: [
        ["Priya Natarajan", "Case manager"],
        ["Grace Liu", "Grade 3 teacher"],
      ],
    }),
    meeting: day(today, -4),
    author: cmMaple,
  });

  const s01Plan = await addPlan(tx, ctx, "s01-iep", "s01", "iep", cmMaple);
  const s01Draft = emptyContent("iep");
  s01Draft.presentLevels = "Initial evaluation results are being summarized for the eligibility PPT.";
  s01Draft.implementers = [{ id: seedId("plan-item:s01:impl-0"), name: "Priya Natarajan", role: "Case manager" }];
  await v({
    key: "s01-iep",
    planId: s01Plan,
    studentId: ctx.studentId("s01"),
    type: "iep",
    number: 1,
    status: "draft",
    content: s01Draft,
    meeting: day(today, 3),
    author: cmMaple,
  });

  const sofiaPlan = await addPlan(tx, ctx, "sofia-iep", "sofia-garcia", "iep", cmHigh);
  const sofiaMeeting = day(today, -120);
  await v({
    key: "sofia-iep",
    planId: sofiaPlan,
    studentId: ctx.studentId("sofia-garcia"),
    type: "iep",
    number: 1,
    status: "active",
    content: iep("sofia", sofiaMeeting, {
      name: "Sofía",
      withTransition: true,
      providerUserId: ctx.userId("provider"),
      implementers: [
        ["Tom Kowalski", "Case manager"],
        ["Ana Morales", "English 10 teacher"],
        ["David Chen", "Geometry teacher"],
        ["Olivia Grant", "Speech-language pathologist"],
      ],
    }),
    meeting: sofiaMeeting,
    effectiveOn: day(sofiaMeeting, 12),
    author: cmHigh,
    acks: [
      { userId: morales, on: day(sofiaMeeting, 13) },
      { userId: chen, on: day(sofiaMeeting, 16) },
      { userId: ctx.userId("provider"), on: day(sofiaMeeting, 13) },
    ],
  });

  const s30Plan = await addPlan(tx, ctx, "s30-iep", "s30", "iep", cmHigh);
  await v({
    key: "s30-iep",
    planId: s30Plan,
    studentId: ctx.studentId("s30"),
    type: "iep",
    number: 1,
    status: "final",
    content: iep("s30", day(today, -6), {
      name: "The student",
      withTransition: true,
      implementers: [["Tom Kowalski", "Case manager"]],
    }),
    meeting: day(today, -6),
    author: cmHigh,
  });

  const s31Exit = day(today, -30);
  const s31Iep = await addPlan(tx, ctx, "s31-iep", "s31", "iep", cmHigh, s31Exit);
  const s31Meeting = day(today, -300);
  await v({
    key: "s31-iep",
    planId: s31Iep,
    studentId: ctx.studentId("s31"),
    type: "iep",
    number: 1,
    status: "ended",
    content: iep("s31", s31Meeting, {
      name: "The student",
      withTransition: true,
      implementers: [["Tom Kowalski", "Case manager"]],
    }),
    meeting: s31Meeting,
    effectiveOn: day(s31Meeting, 10),
    endedOn: s31Exit,
    author: cmHigh,
  });
  const s31504 = await addPlan(tx, ctx, "s31-504", "s31", "504", pHigh);
  await v({
    key: "s31-504",
    planId: s31504,
    studentId: ctx.studentId("s31"),
    type: "504",
    number: 1,
    status: "active",
    content: plan504("s31", day(today, -35), "The student"),
    meeting: day(today, -35),
    effectiveOn: day(s31Exit, 1),
    author: pHigh,
    acks: [{ userId: morales, on: day(s31Exit, 2) }],
  });

  const s32IepStart = day(today, -20);
  const s32504 = await addPlan(tx, ctx, "s32-504", "s32", "504", pHigh, day(s32IepStart, -1));
  const s32Meeting = day(today, -250);
  await v({
    key: "s32-504",
    planId: s32504,
    studentId: ctx.studentId("s32"),
    type: "504",
    number: 1,
    status: "ended",
    content: plan504("s32", s32Meeting, "The student"),
    meeting: s32Meeting,
    effectiveOn: day(s32Meeting, 3),
    endedOn: day(s32IepStart, -1),
    author: pHigh,
  });
  const s32Iep = await addPlan(tx, ctx, "s32-iep", "s32", "iep", cmHigh);
  await v({
    key: "s32-iep",
    planId: s32Iep,
    studentId: ctx.studentId("s32"),
    type: "iep",
    number: 1,
    status: "active",
    content: iep("s32", day(today, -25), {
      name: "The student",
      withTransition: true,
      implementers: [["Tom Kowalski", "Case manager"]],
    }),
    meeting: day(today, -25),
    effectiveOn: s32IepStart,
    author: cmHigh,
  });

  const jaylenPlan = await addPlan(tx, ctx, "jaylen-504", "jaylen-johnson", "504", pHigh);
  const jaylen = ctx.studentId("jaylen-johnson");
  const j1Meeting = day(today, -380);
  const j1Id = await v({
    key: "jaylen-504",
    planId: jaylenPlan,
    studentId: jaylen,
    type: "504",
    number: 1,
    status: "superseded",
    content: plan504("jaylen", j1Meeting, "Jaylen"),
    meeting: j1Meeting,
    effectiveOn: day(j1Meeting, 2),
    endedOn: day(today, -41),
    author: pHigh,
  });
  const j2 = plan504("jaylen", day(today, -45), "Jaylen");
  j2.accommodations.push({
    id: seedId("plan-item:jaylen:acc-planner"),
    kind: "accommodation",
    text: "Assignment book check",
    teacherAction: "Check and initial Jaylen's planner at the end of each class.",
    classroom: true,
    testing: false,
    responsible: "All teachers",
  });
  await v({
    key: "jaylen-504",
    planId: jaylenPlan,
    studentId: jaylen,
    type: "504",
    number: 2,
    status: "active",
    content: j2,
    meeting: day(today, -45),
    effectiveOn: day(today, -40),
    basedOn: j1Id,
    author: pHigh,
    acks: [{ userId: morales, on: day(today, -38) }],
  });

  const s20Plan = await addPlan(tx, ctx, "s20-504", "s20", "504", pMaple);
  const s20Draft = emptyContent("504");
  s20Draft.impairment = "Type 1 diabetes (physician documentation received).";
  s20Draft.majorLifeActivities = ["major_bodily_function"];
  await v({
    key: "s20-504",
    planId: s20Plan,
    studentId: ctx.studentId("s20"),
    type: "504",
    number: 1,
    status: "draft",
    content: s20Draft,
    meeting: day(today, 5),
    author: pMaple,
  });

  const s21Plan = await addPlan(tx, ctx, "s21-504", "s21", "504", pMaple);
  await v({
    key: "s21-504",
    planId: s21Plan,
    studentId: ctx.studentId("s21"),
    type: "504",
    number: 1,
    status: "proposed",
    content: plan504("s21", day(today, -3), "The student"),
    meeting: day(today, -3),
    author: pMaple,
  });

  const s40Plan = await addPlan(tx, ctx, "s40-504", "s40", "504", pHigh);
  await v({
    key: "s40-504",
    planId: s40Plan,
    studentId: ctx.studentId("s40"),
    type: "504",
    number: 1,
    status: "final",
    content: plan504("s40", day(today, -2), "The student"),
    meeting: day(today, -2),
    author: pHigh,
  });

  // Meetings already held for plans the demo's users write next (the walkthrough and the e2e specs
  // finalize them): an initial IEP meeting for s02 ten days ago, a 504 meeting for s22 three days ago.
  for (const [key, program, heldOn, purposes] of [
    ["s02", "iep", day(today, -10), ["initial_iep"]],
    ["s22", "504", day(today, -3), ["eligibility"]],
  ] as const) {
    const id = seedId(`meeting:${key}:${heldOn}`);
    const [existing] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id));
    if (!existing)
      await heldMeeting(tx, { id, studentId: ctx.studentId(key), program, heldOn, purposes: [...purposes] });
  }
}
