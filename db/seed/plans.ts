import { eq } from "drizzle-orm";
import type { MeetingPurpose } from "@/lib/compliance";
import { addMonths, addYears } from "@/lib/compliance/dates";
import { accommodationSet } from "@/lib/delivery/rules";
import { contentHash } from "@/lib/plans/hash";
import { materializedRows } from "@/lib/plans/materialize";
import { emptyContent, type IepContent, type Plan504Content, type PlanContent } from "@/lib/validation/plans";
import type { Transaction } from "../client";
import {
  acknowledgments,
  planAccommodations,
  planGoals,
  planEnds,
  planObjectives,
  plans,
  planServices,
  planVersions,
} from "../schema";
import { addDays, iso } from "./calendar";
import { seedId } from "./ids";
import {
  consent,
  heldMeeting,
  manualEvents,
  pendingDueProcess,
  planEnded,
  planInForce,
  proposalText,
  scheduledMeeting,
  schoolDaysFrom,
  sentNotice,
  type StoryContext,
} from "./story";
import type { PersonaKey } from "./personas";
import { seedExitStories } from "./exits";

type Status = "draft" | "proposed" | "final" | "active" | "superseded" | "ended";

export interface Context {
  today: string;
  story: StoryContext;
  districtId: string;
  studentId: (key: string) => string;
  userId: (key: PersonaKey) => string;
}

const day = (today: string, offset: number) => iso(addDays(new Date(`${today}T00:00:00Z`), offset));
const at = (date: string) => new Date(`${date}T14:00:00Z`);

/** An IEP draft with realistic Connecticut content; item ids are fixed per student so versions line up. */
export function iep(
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
        measure: {
          unit: "percent",
          direction: "increase",
          baselineValue: "89",
          baselineDate: day(meetingDate, -14),
          targetValue: "95",
          rubricLevels: [],
        },
        objectives: [
          {
            id: id("obj-reading-1"),
            text: "Reads instructional-level passages with 93% accuracy",
            criteria: "3 of 4 consecutive probes",
            evaluation: "Oral reading fluency probe",
            schedule: "By the end of the first marking period",
            measure: {
              unit: "percent",
              direction: "increase",
              baselineValue: "89",
              baselineDate: day(meetingDate, -14),
              targetValue: "93",
              rubricLevels: [],
            },
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
        measure: {
          unit: "percent",
          direction: "increase",
          baselineValue: "45",
          baselineDate: day(meetingDate, -14),
          targetValue: "80",
          rubricLevels: [],
        },
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

/** A 504 plan draft with realistic content (ADHD, three accommodations); item ids fixed per `key`. */
export function plan504(
  key: string,
  meetingDate: string,
  name: string,
  extra: Partial<Plan504Content> = {},
): Plan504Content {
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

/** The legal record behind a version: the meeting that developed it, its notice, the first IEP's consent. */
interface Legal {
  lead: PersonaKey;
  purposes: MeetingPurpose[];
  /** IEP: the kind of proposal the prior written notice makes (sent at the meeting). */
  notice?: "initial" | "annual" | "revision";
  /** First IEP: the day the parent granted consent to initial services (C-02). */
  servicesConsentOn?: string;
  /** A final version that takes effect on its notice's implementation date (scheduled activation). */
  effectiveOnImplementationDate?: boolean;
  /** An IEP that ended because the student exited special education. */
  exitReason?: "transferred_to_504";
}

export async function addVersion(
  tx: Transaction,
  story: StoryContext,
  spec: {
    key: string;
    studentKey: string;
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
    legal?: Legal;
    /** Why the version in force ended (`status: "ended"`): its recorded plan end (issue 12). */
    end?: { reason: "transferred_to_504"; noticeId: string };
    /** An IEP put in force replaces the student's active 504 plan, ended the day before (Rule 504-4). */
    replaces504?: { versionId: string; planId: string; lead: PersonaKey };
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
  // Every version starts as a draft and moves through the lifecycle, as in the app (the trigger
  // refuses any other start), with its legal record written before each gate.
  await tx.insert(planVersions).values({ ...base, status: "draft" });
  if (spec.status === "draft") return versionId;
  await tx
    .update(planVersions)
    .set({ status: "proposed", proposedAt: at(day(spec.meeting, -3)) })
    .where(eq(planVersions.id, versionId));
  if (spec.status === "proposed") return versionId;
  const legal = spec.legal;
  const key = `${spec.key}:${spec.number}`;
  const meetingId = legal
    ? await heldMeeting(story, {
        key,
        studentKey: spec.studentKey,
        program: spec.type,
        purposes: legal.purposes,
        on: spec.meeting,
        lead: legal.lead,
        versionId,
      })
    : null;
  const reviewDue = spec.type === "iep" ? addYears(spec.meeting, 1) : (spec.content as Plan504Content).reviewDate;
  await tx
    .update(planVersions)
    .set({
      status: "final",
      meetingId,
      contentHash: contentHash(spec.content),
      reviewDue,
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

  let effectiveOn = spec.effectiveOn;
  if (legal) {
    if (spec.type === "iep" && legal.notice) {
      const byCalendar = story.calendarOf(spec.studentKey).nthSchoolDayAfter(spec.meeting, 10);
      const notice = await sentNotice(story, {
        key,
        studentKey: spec.studentKey,
        program: "iep",
        action: "propose",
        subject: legal.notice === "initial" ? "placement" : "fape",
        sentOn: spec.meeting,
        lead: legal.lead,
        versionId,
        meetingId: meetingId ?? undefined,
        // The parent agreed to an earlier start than the 10th school day (D-05).
        agreedImplementationDate: effectiveOn && byCalendar && effectiveOn < byCalendar ? effectiveOn : undefined,
        text: proposalText(story.languageOf(spec.studentKey), legal.notice, spec.meeting),
      });
      if (legal.effectiveOnImplementationDate) effectiveOn = notice.implementationDate;
    }
    if (legal.servicesConsentOn)
      await consent(story, {
        key: `${key}:services`,
        studentKey: spec.studentKey,
        type: "initial_services",
        program: "iep",
        requestedOn: spec.meeting,
        lead: legal.lead,
        versionId,
        response: { decision: "granted", on: legal.servicesConsentOn, method: "staff_recorded_paper" },
      });
  }
  if (spec.status === "final") {
    // Finalized and scheduled: it takes effect on its date (the jobs runner puts it in force).
    if (effectiveOn) await tx.update(planVersions).set({ effectiveOn }).where(eq(planVersions.id, versionId));
    return versionId;
  }
  if (spec.replaces504) {
    // As the activation does: the IEP's date first, then the 504 plan's recorded end, then the IEP.
    const endedOn = day(effectiveOn!, -1);
    await tx.update(planVersions).set({ effectiveOn: effectiveOn! }).where(eq(planVersions.id, versionId));
    await tx.insert(planEnds).values({
      id: seedId(`plan-end:${spec.replaces504.versionId}`),
      districtId: story.districtId,
      studentId: spec.studentId,
      planId: spec.replaces504.planId,
      versionId: spec.replaces504.versionId,
      planType: "504",
      reason: "replaced_by_iep",
      status: "completed",
      endsOn: effectiveOn!,
      completedAt: at(effectiveOn!),
    });
    await tx
      .update(planVersions)
      .set({ status: "ended", endedOn, closedAt: at(effectiveOn!) })
      .where(eq(planVersions.id, spec.replaces504.versionId));
    await planEnded(story, {
      studentKey: spec.studentKey,
      versionId: spec.replaces504.versionId,
      type: "504",
      endedOn,
      lead: spec.replaces504.lead,
    });
  }
  await tx
    .update(planVersions)
    .set({ status: "active", effectiveOn: effectiveOn!, activatedAt: at(effectiveOn!) })
    .where(eq(planVersions.id, versionId));
  if (legal)
    await planInForce(story, {
      studentKey: spec.studentKey,
      versionId,
      type: spec.type,
      effectiveOn: effectiveOn!,
      lead: legal.lead,
    });
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
  if (spec.status === "ended" && spec.end)
    await tx.insert(planEnds).values({
      id: seedId(`plan-end:${versionId}`),
      districtId: story.districtId,
      studentId: spec.studentId,
      planId: spec.planId,
      versionId,
      planType: spec.type,
      reason: spec.end.reason,
      status: "completed",
      endsOn: day(spec.endedOn!, 1),
      noticeId: spec.end.noticeId,
      completedAt: at(day(spec.endedOn!, 1)),
    });
  await tx
    .update(planVersions)
    .set({ status: spec.status, endedOn: spec.endedOn!, closedAt: at(day(spec.endedOn!, 1)) })
    .where(eq(planVersions.id, versionId));
  if (legal && spec.status === "ended")
    await planEnded(story, {
      studentKey: spec.studentKey,
      versionId,
      type: spec.type,
      endedOn: spec.endedOn!,
      lead: legal.lead,
      exitReason: legal.exitReason,
    });
  return versionId;
}

export async function addPlan(
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
 * The demo's students, one consistent story each: plans in every status for both plan types, and
 * the legal record behind them (meetings, notices, consents) with the case events the workflow
 * writes, dated relative to the seed day in school days so the work queues look realistic on any
 * date. Stages: a revision PPT whose notice is due (Mateo), an initial IEP meeting noticed (Emma),
 * an unanswered evaluation consent (s01, Jaylen), a declined one (s34), an IEP waiting for its
 * notice's 10 school days (s30), stay-put (Sofía), 504→IEP (s32) and IEP→504 (s31) with no gap
 * day. History from before the district used PlanPath stays as hand-recorded events. Versions of an
 * existing plan are never rewritten.
 */
export async function seedPlans(tx: Transaction, ctx: Context): Promise<void> {
  const { today, story } = ctx;
  const cmMaple = ctx.userId("caseManagerMaple");
  const cmHigh = ctx.userId("caseManagerHigh");
  const pMaple = ctx.userId("principalMaple");
  const pHigh = ctx.userId("principalHigh");
  const brooks = ctx.userId("teacherMaple4");
  const liu = ctx.userId("teacherMaple3");
  const morales = ctx.userId("teacherEnglish");
  const chen = ctx.userId("teacherMath");
  const v = (spec: Parameters<typeof addVersion>[2]) => addVersion(tx, story, spec);
  /** `n` school days before today (negative: after) on the student's school calendar. */
  const sd = (studentKey: string, n: number) => schoolDaysFrom(story, studentKey, today, n);
  /** The school day on or before `date` (meetings are held on school days). */
  const onSchoolDay = (studentKey: string, date: string) => schoolDaysFrom(story, studentKey, date, 0);
  const evaluationConsent = (
    studentKey: string,
    lead: PersonaKey,
    requestedOn: string,
    response?: { decision: "granted" | "refused"; on: string },
  ) =>
    consent(story, {
      key: `${studentKey}:evaluation`,
      studentKey,
      type: "initial_evaluation",
      program: "iep",
      requestedOn,
      lead,
      response: response && { ...response, method: "staff_recorded_paper" },
    });

  // Mateo (grade 4): first IEP a year ago, annual review in the fall, and a revision PPT on the
  // calendar for the amendment in progress — its notice is due soon (D-06).
  const mateoPlan = await addPlan(tx, ctx, "mateo-iep", "mateo-garcia", "iep", cmMaple);
  const mateo = ctx.studentId("mateo-garcia");
  const mateoImplementers: [string, string][] = [
    ["Priya Natarajan", "Case manager"],
    ["Samuel Brooks", "Grade 4 teacher"],
  ];
  const m1Meeting = onSchoolDay("mateo-garcia", day(today, -400));
  await manualEvents(story, "mateo-garcia", "caseManagerMaple", [
    { type: "referral_received", date: day(m1Meeting, -75), note: "Written concern from the parent about reading." },
    { type: "eligibility_determined", date: day(m1Meeting, -14), eligibilityKind: "initial", eligible: true },
  ]);
  await evaluationConsent("mateo-garcia", "caseManagerMaple", day(m1Meeting, -70), {
    decision: "granted",
    on: day(m1Meeting, -66),
  });
  const m1 = iep("mateo", m1Meeting, { name: "Mateo", implementers: mateoImplementers });
  const m1Id = await v({
    key: "mateo-iep",
    studentKey: "mateo-garcia",
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
    legal: {
      lead: "caseManagerMaple",
      purposes: ["initial_iep"],
      notice: "initial",
      servicesConsentOn: day(m1Meeting, 3),
    },
  });
  const m2Meeting = onSchoolDay("mateo-garcia", day(today, -65));
  const m2 = iep("mateo", m2Meeting, { name: "Mateo", implementers: mateoImplementers, extended: "2x" });
  m2.goals[0]!.baseline = "72 words correct per minute, 93% accuracy (September benchmark)";
  m2.goals[0]!.measure = { ...m2.goals[0]!.measure!, baselineValue: "93", baselineDate: day(m2Meeting, -10) };
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
    studentKey: "mateo-garcia",
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
    legal: { lead: "caseManagerMaple", purposes: ["annual_review"], notice: "annual" },
  });
  const revisionMeeting = sd("mateo-garcia", -9);
  const m3 = structuredClone(m2);
  m3.meetingDate = revisionMeeting;
  m3.presentLevels += " Since October, Mateo has begun self-correcting most decoding errors.";
  const m3Id = await v({
    key: "mateo-iep",
    studentKey: "mateo-garcia",
    planId: mateoPlan,
    studentId: mateo,
    type: "iep",
    number: 3,
    status: "draft",
    content: m3,
    meeting: revisionMeeting,
    basedOn: m2Id,
    author: cmMaple,
  });
  await scheduledMeeting(story, {
    key: "mateo-iep:3",
    studentKey: "mateo-garcia",
    program: "iep",
    purposes: ["revision"],
    on: revisionMeeting,
    lead: "caseManagerMaple",
    versionId: m3Id,
    noticeSentOn: null,
    scheduledOn: sd("mateo-garcia", 1),
  });

  // Emma (grade 3): evaluated after a referral, found eligible; her first IEP meeting is noticed
  // for three school days from now and the proposed IEP was shared with the family.
  await manualEvents(story, "emma-miller", "caseManagerMaple", [
    { type: "referral_received", date: sd("emma-miller", 40), note: "Referral from the grade 3 teacher." },
    { type: "eligibility_determined", date: sd("emma-miller", 5), eligibilityKind: "initial", eligible: true },
  ]);
  await evaluationConsent("emma-miller", "caseManagerMaple", sd("emma-miller", 38), {
    decision: "granted",
    on: sd("emma-miller", 33),
  });
  const emmaMeeting = sd("emma-miller", -3);
  const emmaPlan = await addPlan(tx, ctx, "emma-iep", "emma-miller", "iep", cmMaple);
  const emmaV1 = await v({
    key: "emma-iep",
    studentKey: "emma-miller",
    planId: emmaPlan,
    studentId: ctx.studentId("emma-miller"),
    type: "iep",
    number: 1,
    status: "proposed",
    content: iep("emma", emmaMeeting, {
      name: "Emma",
      implementers: [
        ["Priya Natarajan", "Case manager"],
        ["Grace Liu", "Grade 3 teacher"],
      ],
    }),
    meeting: emmaMeeting,
    author: cmMaple,
  });
  await scheduledMeeting(story, {
    key: "emma-iep:1",
    studentKey: "emma-miller",
    program: "iep",
    purposes: ["initial_iep"],
    on: emmaMeeting,
    lead: "caseManagerMaple",
    versionId: emmaV1,
    noticeSentOn: sd("emma-miller", 2),
    scheduledOn: sd("emma-miller", 4),
  });

  // Diego (grade 1, a Spanish-speaking family): evaluated and found eligible this week; his first
  // IEP is drafted for a PPT today — to be noticed, held, proposed with a notice, and consented to.
  await manualEvents(story, "diego-garcia", "caseManagerMaple", [
    { type: "referral_received", date: sd("diego-garcia", 30), note: "Written request from the parent." },
    { type: "eligibility_determined", date: sd("diego-garcia", 2), eligibilityKind: "initial", eligible: true },
  ]);
  await evaluationConsent("diego-garcia", "caseManagerMaple", sd("diego-garcia", 28), {
    decision: "granted",
    on: sd("diego-garcia", 25),
  });
  const diegoPlan = await addPlan(tx, ctx, "diego-iep", "diego-garcia", "iep", cmMaple);
  const diegoMeeting = sd("diego-garcia", 0);
  await v({
    key: "diego-iep",
    studentKey: "diego-garcia",
    planId: diegoPlan,
    studentId: ctx.studentId("diego-garcia"),
    type: "iep",
    number: 1,
    status: "draft",
    content: iep("diego", diegoMeeting, { name: "Diego", implementers: [["Priya Natarajan", "Case manager"]] }),
    meeting: diegoMeeting,
    author: cmMaple,
  });

  // s01 (kindergarten): referred three weeks ago; the evaluation consent is unanswered past D-23.
  await manualEvents(story, "s01", "caseManagerMaple", [{ type: "referral_received", date: sd("s01", 15) }]);
  await evaluationConsent("s01", "caseManagerMaple", sd("s01", 13));
  const s01Plan = await addPlan(tx, ctx, "s01-iep", "s01", "iep", cmMaple);
  const s01Draft = emptyContent("iep");
  s01Draft.presentLevels = "Initial evaluation results are being summarized for the eligibility PPT.";
  s01Draft.implementers = [{ id: seedId("plan-item:s01:impl-0"), name: "Priya Natarajan", role: "Case manager" }];
  await v({
    key: "s01-iep",
    studentKey: "s01",
    planId: s01Plan,
    studentId: ctx.studentId("s01"),
    type: "iep",
    number: 1,
    status: "draft",
    content: s01Draft,
    meeting: day(today, 3),
    author: cmMaple,
  });

  // s02 (kindergarten): a parent's request for records, overdue (D-14); found eligible, and the PPT
  // that developed the first IEP met ten days ago — the IEP is still to be written up in PlanPath.
  await manualEvents(story, "s02", "caseManagerMaple", [
    { type: "records_request_received", date: sd("s02", 18) },
    { type: "referral_received", date: sd("s02", 45) },
    { type: "eligibility_determined", date: sd("s02", 14), eligibilityKind: "initial", eligible: true },
  ]);
  await evaluationConsent("s02", "caseManagerMaple", sd("s02", 43), { decision: "granted", on: sd("s02", 40) });
  await heldMeeting(story, {
    key: "s02-initial-iep",
    studentKey: "s02",
    program: "iep",
    purposes: ["initial_iep"],
    on: day(today, -10),
    lead: "caseManagerMaple",
  });

  // s22 (grade 4): the 504 team met three days ago; the principal writes the plan next.
  await heldMeeting(story, {
    key: "s22-504",
    studentKey: "s22",
    program: "504",
    purposes: ["eligibility"],
    on: day(today, -3),
    lead: "principalMaple",
  });

  // s03 (kindergarten): the initial evaluation finished late (reason recorded); first IEP in force.
  await manualEvents(story, "s03", "caseManagerMaple", [
    { type: "referral_received", date: sd("s03", 55) },
    { type: "eligibility_determined", date: sd("s03", 20), eligibilityKind: "initial", eligible: true },
  ]);
  await evaluationConsent("s03", "caseManagerMaple", sd("s03", 52), { decision: "granted", on: sd("s03", 49) });
  const s03Meeting = sd("s03", 12);
  const s03Plan = await addPlan(tx, ctx, "s03-iep", "s03", "iep", cmMaple);
  await v({
    key: "s03-iep",
    studentKey: "s03",
    planId: s03Plan,
    studentId: ctx.studentId("s03"),
    type: "iep",
    number: 1,
    status: "active",
    content: iep("s03", s03Meeting, { name: "The student", implementers: [["Priya Natarajan", "Case manager"]] }),
    meeting: s03Meeting,
    effectiveOn: sd("s03", 2),
    author: cmMaple,
    legal: {
      lead: "caseManagerMaple",
      purposes: ["initial_iep"],
      notice: "initial",
      servicesConsentOn: sd("s03", 10),
    },
  });

  // s06 (grade 1): found eligible last week; the IEP meeting is due within 30 days (D-03).
  await manualEvents(story, "s06", "caseManagerMaple", [
    { type: "referral_received", date: sd("s06", 40) },
    { type: "eligibility_determined", date: sd("s06", 7), eligibilityKind: "initial", eligible: true },
  ]);
  await evaluationConsent("s06", "caseManagerMaple", sd("s06", 38), { decision: "granted", on: sd("s06", 33) });

  // s10 (grade 1, review overdue) and s12 (grade 2, review soon): 504 plans in force for a year.
  for (const [studentKey, reviewIn] of [
    ["s10", 8],
    ["s12", -15],
  ] as const) {
    const effectiveOn = addMonths(sd(studentKey, reviewIn), -12);
    const meeting = onSchoolDay(studentKey, day(effectiveOn, -3));
    const plan = await addPlan(tx, ctx, `${studentKey}-504`, studentKey, "504", pMaple);
    await v({
      key: `${studentKey}-504`,
      studentKey,
      planId: plan,
      studentId: ctx.studentId(studentKey),
      type: "504",
      number: 1,
      status: "active",
      content: plan504(studentKey, meeting, "The student", { reviewDate: addYears(effectiveOn, 1) }),
      meeting,
      effectiveOn,
      author: pMaple,
      acks: studentKey === "s12" ? [{ userId: liu, on: day(effectiveOn, 3) }] : [],
      legal: { lead: "principalMaple", purposes: ["eligibility"] },
    });
  }

  const s20Plan = await addPlan(tx, ctx, "s20-504", "s20", "504", pMaple);
  const s20Draft = emptyContent("504");
  s20Draft.impairment = "Type 1 diabetes (physician documentation received).";
  s20Draft.majorLifeActivities = ["major_bodily_function"];
  await v({
    key: "s20-504",
    studentKey: "s20",
    planId: s20Plan,
    studentId: ctx.studentId("s20"),
    type: "504",
    number: 1,
    status: "draft",
    content: s20Draft,
    meeting: day(today, 5),
    author: pMaple,
  });

  // s21 (grade 4): a 504 team meeting noticed for next week; the proposed plan was shared.
  const s21Meeting = sd("s21", -4);
  const s21Plan = await addPlan(tx, ctx, "s21-504", "s21", "504", pMaple);
  const s21V1 = await v({
    key: "s21-504",
    studentKey: "s21",
    planId: s21Plan,
    studentId: ctx.studentId("s21"),
    type: "504",
    number: 1,
    status: "proposed",
    content: plan504("s21", s21Meeting, "The student"),
    meeting: s21Meeting,
    author: pMaple,
  });
  await scheduledMeeting(story, {
    key: "s21-504:1",
    studentKey: "s21",
    program: "504",
    purposes: ["eligibility"],
    on: s21Meeting,
    lead: "principalMaple",
    versionId: s21V1,
    noticeSentOn: sd("s21", 1),
    scheduledOn: sd("s21", 3),
  });

  // Sofía (grade 10): an IEP since two years ago (before PlanPath), annual review in the summer;
  // her parent filed for due process three school days ago: stay-put (300.518).
  const sofiaMeeting = onSchoolDay("sofia-garcia", day(today, -120));
  await manualEvents(story, "sofia-garcia", "caseManagerHigh", [
    {
      type: "eligibility_determined",
      date: addYears(day(sofiaMeeting, -20), -2),
      eligibilityKind: "initial",
      eligible: true,
    },
    { type: "ppt_meeting_held", date: addYears(sofiaMeeting, -2), meetingPurposes: ["initial_iep"] },
    { type: "iep_implemented", date: addYears(day(sofiaMeeting, 10), -2) },
    { type: "ppt_meeting_held", date: addYears(sofiaMeeting, -1), meetingPurposes: ["annual_review"] },
  ]);
  const sofiaPlan = await addPlan(tx, ctx, "sofia-iep", "sofia-garcia", "iep", cmHigh);
  await v({
    key: "sofia-iep",
    studentKey: "sofia-garcia",
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
    legal: { lead: "caseManagerHigh", purposes: ["annual_review"], notice: "annual" },
  });
  await pendingDueProcess(story, {
    studentKey: "sofia-garcia",
    filedOn: sd("sofia-garcia", 3),
    description: "The parent disputes the district's proposal to reduce speech-language services.",
    by: "caseManagerHigh",
  });

  // s30 (grade 9): an IEP for three years (before PlanPath), reevaluation due soon (D-09); a
  // revision PPT four school days ago — the revised IEP takes effect on the notice's 10th school day.
  const s30Eligibility = addYears(sd("s30", -3), -3);
  await manualEvents(story, "s30", "caseManagerHigh", [
    { type: "eligibility_determined", date: s30Eligibility, eligibilityKind: "initial", eligible: true },
    { type: "ppt_meeting_held", date: day(s30Eligibility, 21), meetingPurposes: ["initial_iep"] },
    { type: "iep_implemented", date: day(s30Eligibility, 31) },
  ]);
  const s30Annual = sd("s30", 70);
  const s30Plan = await addPlan(tx, ctx, "s30-iep", "s30", "iep", cmHigh);
  const s30V1 = await v({
    key: "s30-iep",
    studentKey: "s30",
    planId: s30Plan,
    studentId: ctx.studentId("s30"),
    type: "iep",
    number: 1,
    status: "active",
    content: iep("s30", s30Annual, {
      name: "The student",
      withTransition: true,
      providerUserId: ctx.userId("provider"),
      implementers: [
        ["Tom Kowalski", "Case manager"],
        ["Olivia Grant", "Speech-language pathologist"],
      ],
    }),
    meeting: s30Annual,
    effectiveOn: sd("s30", 60),
    author: cmHigh,
    acks: [
      { userId: morales, on: sd("s30", 58) },
      { userId: chen, on: sd("s30", 58) },
      { userId: ctx.userId("provider"), on: sd("s30", 58) },
    ],
    legal: { lead: "caseManagerHigh", purposes: ["annual_review"], notice: "annual" },
  });
  const s30Meeting = sd("s30", 4);
  await v({
    key: "s30-iep",
    studentKey: "s30",
    planId: s30Plan,
    studentId: ctx.studentId("s30"),
    type: "iep",
    number: 2,
    status: "final",
    content: iep("s30", s30Meeting, {
      name: "The student",
      withTransition: true,
      providerUserId: ctx.userId("provider"),
      implementers: [
        ["Tom Kowalski", "Case manager"],
        ["Olivia Grant", "Speech-language pathologist"],
      ],
      extended: "2x",
    }),
    meeting: s30Meeting,
    basedOn: s30V1,
    author: cmHigh,
    legal: {
      lead: "caseManagerHigh",
      purposes: ["revision"],
      notice: "revision",
      effectiveOnImplementationDate: true,
    },
  });

  // s31 (grade 9): IEP → 504. The reevaluation found special education no longer needed; the exit
  // took effect after its notice, and the 504 plan started the next day (no gap day).
  const s31Exit = sd("s31", 21);
  const s31Meeting = onSchoolDay("s31", day(today, -300));
  await manualEvents(story, "s31", "caseManagerHigh", [
    { type: "eligibility_determined", date: addYears(s31Meeting, -2), eligibilityKind: "initial", eligible: true },
    { type: "iep_implemented", date: addYears(day(s31Meeting, 10), -2) },
    {
      type: "eligibility_determined",
      date: onSchoolDay("s31", day(s31Exit, -25)),
      eligibilityKind: "reevaluation",
      eligible: false,
    },
  ]);
  const s31ExitMeeting = onSchoolDay("s31", day(s31Exit, -20));
  const exitMeetingId = await heldMeeting(story, {
    key: "s31-exit",
    studentKey: "s31",
    program: "iep",
    purposes: ["reevaluation", "exit"],
    on: s31ExitMeeting,
    lead: "caseManagerHigh",
  });
  const s31ExitByCalendar = story.calendarOf("s31").nthSchoolDayAfter(s31ExitMeeting, 10);
  const s31ExitByAgreement = !s31ExitByCalendar || s31ExitByCalendar > day(s31Exit, 1) ? day(s31Exit, 1) : undefined;
  const s31ExitNotice = await sentNotice(story, {
    key: "s31-exit",
    studentKey: "s31",
    program: "iep",
    action: "propose",
    subject: "identification",
    sentOn: s31ExitMeeting,
    lead: "caseManagerHigh",
    meetingId: exitMeetingId,
    // The IEP ends on the notice's date at the latest: after a long break the parent agreed to it.
    agreedImplementationDate: s31ExitByAgreement,
    text: proposalText(story.languageOf("s31"), "exit", s31ExitMeeting),
  });
  const s31Iep = await addPlan(tx, ctx, "s31-iep", "s31", "iep", cmHigh, s31Exit);
  await v({
    key: "s31-iep",
    studentKey: "s31",
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
    legal: { lead: "caseManagerHigh", purposes: ["annual_review"], notice: "annual", exitReason: "transferred_to_504" },
    end: { reason: "transferred_to_504", noticeId: s31ExitNotice.id },
  });
  const s31504 = await addPlan(tx, ctx, "s31-504", "s31", "504", pHigh);
  const s31504Meeting = onSchoolDay("s31", day(s31Exit, -5));
  await v({
    key: "s31-504",
    studentKey: "s31",
    planId: s31504,
    studentId: ctx.studentId("s31"),
    type: "504",
    number: 1,
    status: "active",
    content: plan504("s31", s31504Meeting, "The student"),
    meeting: s31504Meeting,
    effectiveOn: day(s31Exit, 1),
    author: pHigh,
    acks: [{ userId: morales, on: day(s31Exit, 2) }],
    legal: { lead: "principalHigh", purposes: ["eligibility"] },
  });

  // Maya Johnson (grade 11): a 504 plan in force for a year, reviewed in about 60 school days; no case
  // manager. The end-to-end 504 → IEP walkthrough refers her.
  const mayaEffective = addMonths(sd("maya-johnson", -60), -12);
  const mayaMeeting = onSchoolDay("maya-johnson", day(mayaEffective, -3));
  const maya504 = await addPlan(tx, ctx, "maya-johnson-504", "maya-johnson", "504", pHigh);
  await v({
    key: "maya-johnson-504",
    studentKey: "maya-johnson",
    planId: maya504,
    studentId: ctx.studentId("maya-johnson"),
    type: "504",
    number: 1,
    status: "active",
    content: plan504("maya-johnson", mayaMeeting, "Maya", { reviewDate: addYears(mayaEffective, 1) }),
    meeting: mayaMeeting,
    effectiveOn: mayaEffective,
    author: pHigh,
    legal: { lead: "principalHigh", purposes: ["eligibility"] },
  });

  // s32 (grade 9): 504 → IEP. Referred while the 504 plan stayed in force; the 504 plan ended the
  // day before the first IEP took effect (no gap day).
  const s32IepStart = sd("s32", 14);
  const s32IepMeeting = onSchoolDay("s32", day(s32IepStart, -5));
  await manualEvents(story, "s32", "caseManagerHigh", [
    {
      type: "referral_received",
      date: day(s32IepStart, -55),
      note: "Referral by the 504 team: suspected need for specially designed instruction.",
    },
    {
      type: "eligibility_determined",
      date: onSchoolDay("s32", day(s32IepStart, -15)),
      eligibilityKind: "initial",
      eligible: true,
    },
  ]);
  await evaluationConsent("s32", "caseManagerHigh", day(s32IepStart, -52), {
    decision: "granted",
    on: day(s32IepStart, -48),
  });
  const s32504 = await addPlan(tx, ctx, "s32-504", "s32", "504", pHigh, day(s32IepStart, -1));
  const s32Meeting = onSchoolDay("s32", day(today, -250));
  const s32504Version = await v({
    key: "s32-504",
    studentKey: "s32",
    planId: s32504,
    studentId: ctx.studentId("s32"),
    type: "504",
    number: 1,
    status: "active",
    content: plan504("s32", s32Meeting, "The student"),
    meeting: s32Meeting,
    effectiveOn: day(s32Meeting, 3),
    author: pHigh,
    legal: { lead: "principalHigh", purposes: ["eligibility"] },
  });
  const s32Iep = await addPlan(tx, ctx, "s32-iep", "s32", "iep", cmHigh);
  await v({
    key: "s32-iep",
    studentKey: "s32",
    planId: s32Iep,
    studentId: ctx.studentId("s32"),
    type: "iep",
    number: 1,
    status: "active",
    content: iep("s32", s32IepMeeting, {
      name: "The student",
      withTransition: true,
      implementers: [["Tom Kowalski", "Case manager"]],
    }),
    meeting: s32IepMeeting,
    effectiveOn: s32IepStart,
    author: cmHigh,
    legal: {
      lead: "caseManagerHigh",
      purposes: ["initial_iep"],
      notice: "initial",
      servicesConsentOn: day(s32IepMeeting, 2),
    },
    replaces504: { versionId: s32504Version, planId: s32504, lead: "principalHigh" },
  });

  // s33 (grade 9): first IEP in force since last week; a suspension this week calls for a
  // manifestation determination review (D-19).
  await manualEvents(story, "s33", "caseManagerHigh", [
    { type: "referral_received", date: sd("s33", 50) },
    { type: "eligibility_determined", date: sd("s33", 20), eligibilityKind: "initial", eligible: true },
    { type: "disciplinary_change_of_placement", date: sd("s33", 2) },
  ]);
  await evaluationConsent("s33", "caseManagerHigh", sd("s33", 48), { decision: "granted", on: sd("s33", 43) });
  const s33Meeting = sd("s33", 15);
  const s33Plan = await addPlan(tx, ctx, "s33-iep", "s33", "iep", cmHigh);
  await v({
    key: "s33-iep",
    studentKey: "s33",
    planId: s33Plan,
    studentId: ctx.studentId("s33"),
    type: "iep",
    number: 1,
    status: "active",
    content: iep("s33", s33Meeting, {
      name: "The student",
      withTransition: true,
      implementers: [["Tom Kowalski", "Case manager"]],
    }),
    meeting: s33Meeting,
    effectiveOn: sd("s33", 4),
    author: cmHigh,
    acks: [
      { userId: morales, on: sd("s33", 3) },
      { userId: chen, on: sd("s33", 3) },
    ],
    legal: { lead: "caseManagerHigh", purposes: ["initial_iep"], notice: "initial", servicesConsentOn: sd("s33", 13) },
  });

  // s34 (grade 9): the parent declined the initial evaluation (C-01).
  await manualEvents(story, "s34", "caseManagerHigh", [{ type: "referral_received", date: sd("s34", 30) }]);
  await evaluationConsent("s34", "caseManagerHigh", sd("s34", 28), { decision: "refused", on: sd("s34", 20) });

  // Jaylen (grade 9): a 504 plan for a year, reviewed this fall; now referred for an IEP
  // (504 → IEP) and the evaluation consent is unanswered: the 504 lead's item (D-23).
  const jaylenPlan = await addPlan(tx, ctx, "jaylen-504", "jaylen-johnson", "504", pHigh);
  const jaylen = ctx.studentId("jaylen-johnson");
  // In force for 28 school days (acknowledgments are overdue on any seed day, even in summer).
  const jaylenV2Start = sd("jaylen-johnson", 28);
  const j1Meeting = onSchoolDay("jaylen-johnson", day(today, -380));
  const j1Id = await v({
    key: "jaylen-504",
    studentKey: "jaylen-johnson",
    planId: jaylenPlan,
    studentId: jaylen,
    type: "504",
    number: 1,
    status: "superseded",
    content: plan504("jaylen", j1Meeting, "Jaylen"),
    meeting: j1Meeting,
    effectiveOn: day(j1Meeting, 2),
    endedOn: day(jaylenV2Start, -1),
    author: pHigh,
    legal: { lead: "principalHigh", purposes: ["eligibility"] },
  });
  const j2Meeting = onSchoolDay("jaylen-johnson", day(jaylenV2Start, -5));
  const j2 = plan504("jaylen", j2Meeting, "Jaylen");
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
    studentKey: "jaylen-johnson",
    planId: jaylenPlan,
    studentId: jaylen,
    type: "504",
    number: 2,
    status: "active",
    content: j2,
    meeting: j2Meeting,
    effectiveOn: jaylenV2Start,
    basedOn: j1Id,
    author: pHigh,
    acks: [{ userId: morales, on: day(jaylenV2Start, 2) }],
    legal: { lead: "principalHigh", purposes: ["annual_review"] },
  });
  await manualEvents(story, "jaylen-johnson", "principalHigh", [
    {
      type: "referral_received",
      date: sd("jaylen-johnson", 30),
      note: "The parent asked for a special education evaluation.",
    },
  ]);
  await evaluationConsent("jaylen-johnson", "principalHigh", sd("jaylen-johnson", 28));

  // s40 (grade 10): a 504 plan in force for a year (review due in three school days); the team
  // met two days ago and the reviewed plan is final, waiting to be put in force.
  const s40Effective = addMonths(sd("s40", -3), -12);
  const s40First = onSchoolDay("s40", day(s40Effective, -3));
  const s40Plan = await addPlan(tx, ctx, "s40-504", "s40", "504", pHigh);
  const s40V1 = await v({
    key: "s40-504",
    studentKey: "s40",
    planId: s40Plan,
    studentId: ctx.studentId("s40"),
    type: "504",
    number: 1,
    status: "active",
    content: plan504("s40", s40First, "The student", { reviewDate: addYears(s40Effective, 1) }),
    meeting: s40First,
    effectiveOn: s40Effective,
    author: pHigh,
    acks: [
      { userId: morales, on: day(s40Effective, 2) },
      { userId: chen, on: day(s40Effective, 2) },
    ],
    legal: { lead: "principalHigh", purposes: ["eligibility"] },
  });
  const s40Review = sd("s40", 2);
  await v({
    key: "s40-504",
    studentKey: "s40",
    planId: s40Plan,
    studentId: ctx.studentId("s40"),
    type: "504",
    number: 2,
    status: "final",
    content: plan504("s40", s40Review, "The student"),
    meeting: s40Review,
    basedOn: s40V1,
    author: pHigh,
    legal: { lead: "principalHigh", purposes: ["annual_review"] },
  });

  await seedExitStories(tx, ctx);
}
