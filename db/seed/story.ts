import type { ConsentType, MeetingPurpose, PwnAction, PwnSubject } from "@/lib/compliance";
import type { SchoolCalendar } from "@/lib/compliance";
import { consentTypes } from "@/lib/compliance/rules";
import { storeDocument } from "@/lib/dal/internal/documents";
import type { Transaction } from "../client";
import {
  caseEvents,
  consentRequests,
  consentResponses,
  dueProcessFilings,
  meetingParticipants,
  meetings,
  priorWrittenNotices,
  storedDocuments,
} from "../schema";
import { consentDocument, meetingNoticeDocument, noticeDocument } from "./documents";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";
import { eq } from "drizzle-orm";

/**
 * The demo's legal record: meetings, prior written notices, consents and due-process filings,
 * each writing the case events the deadline engine reads exactly as the workflow does (`source =
 * 'workflow'`, `source_id` = the record). Events that happened outside PlanPath (a referral letter,
 * an eligibility decision, history from before the district used PlanPath) stay manual.
 */
export interface StoryContext {
  tx: Transaction;
  today: string;
  districtId: string;
  student: (key: string) => string;
  user: (key: PersonaKey) => string;
  /** The school calendar of a student's school. */
  calendarOf: (studentKey: string) => SchoolCalendar;
  /** The family's language for notices and forms (`en` or `es`). */
  languageOf: (studentKey: string) => "en" | "es";
  /** The student's first name, for documents. */
  nameOf: (studentKey: string) => string;
  /** The guardianship that decides for the student (signer of consents). */
  guardianOf: (studentKey: string) => { guardianshipId: string; userId: string; name: string };
}

type Program = "iep" | "504";

type EventValues = Omit<typeof caseEvents.$inferInsert, "districtId" | "studentId" | "source" | "sourceId">;

/** `n` school days before `date` (negative: after) on the student's calendar; `date` when out of range. */
export function schoolDaysFrom(ctx: StoryContext, studentKey: string, date: string, n: number): string {
  const calendar = ctx.calendarOf(studentKey);
  const anchor = calendar.isSchoolDay(date) ? date : (calendar.lastSchoolDayBefore(date) ?? date);
  if (n === 0) return anchor;
  return (n > 0 ? calendar.nthSchoolDayBefore(anchor, n) : calendar.nthSchoolDayAfter(anchor, -n)) ?? anchor;
}

async function workflowEvent(ctx: StoryContext, studentKey: string, sourceId: string, event: EventValues) {
  await ctx.tx
    .insert(caseEvents)
    .values({
      ...event,
      id: seedId(`case-event:workflow:${sourceId}:${event.type}`),
      districtId: ctx.districtId,
      studentId: ctx.student(studentKey),
      source: "workflow",
      sourceId,
    })
    .onConflictDoNothing();
}

/** Events recorded by hand: what happened outside PlanPath. */
export async function manualEvents(ctx: StoryContext, studentKey: string, by: PersonaKey, events: EventValues[]) {
  if (!events.length) return;
  await ctx.tx
    .insert(caseEvents)
    .values(
      events.map((event, index) => ({
        ...event,
        id: seedId(`case-event:${studentKey}:${index}`),
        districtId: ctx.districtId,
        studentId: ctx.student(studentKey),
        recordedBy: ctx.user(by),
        source: "manual" as const,
      })),
    )
    .onConflictDoNothing();
}

async function document(
  ctx: StoryContext,
  key: string,
  studentKey: string,
  model: Parameters<typeof storeDocument>[1]["model"],
  by: PersonaKey,
) {
  const id = seedId(`document:${key}`);
  const [existing] = await ctx.tx
    .select({ id: storedDocuments.id, sha256: storedDocuments.sha256 })
    .from(storedDocuments)
    .where(eq(storedDocuments.id, id));
  if (existing) return existing;
  return storeDocument(ctx.tx, {
    id,
    districtId: ctx.districtId,
    studentId: ctx.student(studentKey),
    model,
    createdBy: ctx.user(by),
  });
}

export const purposeText: Record<MeetingPurpose, { en: string; es: string }> = {
  referral: { en: "Review the referral", es: "Revisar la remisión" },
  eligibility: { en: "Determine eligibility", es: "Determinar la elegibilidad" },
  initial_iep: { en: "Develop the first IEP", es: "Elaborar el primer PEI" },
  annual_review: { en: "Annual review of the IEP", es: "Revisión anual del PEI" },
  reevaluation: { en: "Plan or review a reevaluation", es: "Planificar o revisar una reevaluación" },
  revision: { en: "Revise the IEP", es: "Revisar y modificar el PEI" },
  exit: { en: "Consider ending special education", es: "Considerar la salida de educación especial" },
  manifestation: { en: "Manifestation determination", es: "Determinación de manifestación" },
};

interface MeetingSpec {
  key: string;
  studentKey: string;
  program: Program;
  purposes: MeetingPurpose[];
  on: string;
  lead: PersonaKey;
  versionId?: string;
  /** Day the notice went out (null: not yet sent). */
  noticeSentOn: string | null;
  /** Day the meeting was put on the calendar (the `meeting_scheduled` event's date). */
  scheduledOn: string;
}

async function insertMeeting(ctx: StoryContext, spec: MeetingSpec, held: boolean): Promise<string> {
  const id = seedId(`meeting:${spec.key}`);
  const lang = ctx.languageOf(spec.studentKey);
  const name = ctx.nameOf(spec.studentKey);
  const place = "Conference room, main office";
  const notice = spec.noticeSentOn
    ? await document(
        ctx,
        `meeting-notice:${spec.key}`,
        spec.studentKey,
        meetingNoticeDocument(
          lang,
          name,
          `${spec.on} 15:30`,
          spec.purposes.map((p) => purposeText[p][lang]).join(" · "),
          place,
        ),
        spec.lead,
      )
    : null;
  await ctx.tx
    .insert(meetings)
    .values({
      id,
      districtId: ctx.districtId,
      studentId: ctx.student(spec.studentKey),
      program: spec.program,
      status: held ? "held" : "scheduled",
      purposes: spec.purposes,
      planVersionId: spec.versionId ?? null,
      scheduledOn: spec.on,
      startsAt: "15:30",
      location: place,
      language: lang,
      noticeDocumentId: notice?.id ?? null,
      noticeSentOn: spec.noticeSentOn,
      heldOn: held ? spec.on : null,
      decisions: held
        ? spec.program === "iep"
          ? "The team reviewed present levels, goals, services and accommodations and agreed on the IEP as written."
          : "The team reviewed the evaluation data and agreed on the accommodations in the 504 plan."
        : null,
      createdBy: ctx.user(spec.lead),
      updatedBy: ctx.user(spec.lead),
    })
    .onConflictDoNothing();
  const guardian = ctx.guardianOf(spec.studentKey);
  const staff: { role: (typeof meetingParticipants.$inferInsert)["role"]; name: string; userId?: string }[] =
    spec.program === "iep"
      ? [
          { role: "special_education_teacher", name: "Case manager", userId: ctx.user(spec.lead) },
          { role: "general_education_teacher", name: "Classroom teacher" },
          { role: "district_representative", name: "Building principal" },
          { role: "evaluation_interpreter", name: "Dr. Lena Ortiz, school psychologist" },
        ]
      : [
          { role: "principal", name: "Building principal", userId: ctx.user(spec.lead) },
          { role: "general_education_teacher", name: "Classroom teacher" },
        ];
  await ctx.tx
    .insert(meetingParticipants)
    .values([
      {
        id: seedId(`participant:${spec.key}:parent`),
        meetingId: id,
        role: "parent" as const,
        guardianshipId: guardian.guardianshipId,
        userId: guardian.userId,
        name: guardian.name,
        attended: held ? true : null,
      },
      ...staff.map((s, i) => ({
        id: seedId(`participant:${spec.key}:${i}`),
        meetingId: id,
        role: s.role,
        userId: s.userId ?? null,
        name: s.name,
        attended: held ? true : null,
      })),
    ])
    .onConflictDoNothing();
  if (spec.program === "iep" && spec.noticeSentOn !== undefined)
    await workflowEvent(ctx, spec.studentKey, id, {
      type: "meeting_scheduled",
      date: spec.scheduledOn,
      meetingDate: spec.on,
      recordedBy: ctx.user(spec.lead),
    });
  if (held && spec.program === "iep")
    await workflowEvent(ctx, spec.studentKey, `${id}`, {
      type: "ppt_meeting_held",
      date: spec.on,
      meetingPurposes: spec.purposes,
      recordedBy: ctx.user(spec.lead),
    });
  return id;
}

/** A PPT or 504 meeting that was held (notice sent ten days before). Writes `ppt_meeting_held` for a PPT. */
export function heldMeeting(ctx: StoryContext, spec: Omit<MeetingSpec, "noticeSentOn" | "scheduledOn">) {
  const noticeSentOn = schoolDaysFrom(ctx, spec.studentKey, spec.on, 7);
  return insertMeeting(
    ctx,
    { ...spec, noticeSentOn, scheduledOn: schoolDaysFrom(ctx, spec.studentKey, spec.on, 12) },
    true,
  );
}

/** A meeting on the calendar (its notice sent or not yet). Writes `meeting_scheduled` for a PPT. */
export function scheduledMeeting(ctx: StoryContext, spec: MeetingSpec) {
  return insertMeeting(ctx, spec, false);
}

export const elementHeadings = {
  en: [
    "The action the district proposes or refuses",
    "Why",
    "Evaluations, records and reports used",
    "Procedural safeguards",
    "Where to get help",
    "Other options considered",
    "Other factors",
  ],
  es: [
    "La acción que el distrito propone o rechaza",
    "Por qué",
    "Evaluaciones, registros e informes utilizados",
    "Garantías procesales",
    "Dónde obtener ayuda",
    "Otras opciones consideradas",
    "Otros factores",
  ],
};

export interface NoticeText {
  actionDescription: string;
  reasons: string;
  evaluationsUsed: string;
  optionsConsidered: string;
  otherFactors: string;
}

export const safeguards = {
  en: "You have protection under the procedural safeguards of IDEA. A copy of the Connecticut procedural safeguards notice is enclosed and available from the school office at any time.",
  es: "Usted tiene protección bajo las garantías procesales de IDEA. Se adjunta una copia del aviso de garantías procesales de Connecticut, disponible en la oficina de la escuela en cualquier momento.",
};
export const help = {
  en: "Connecticut Parent Advocacy Center (CPAC), 1-800-445-2722; CSDE Bureau of Special Education, 860-713-6910.",
  es: "Centro de Defensa de Padres de Connecticut (CPAC), 1-800-445-2722; Oficina de Educación Especial del CSDE, 860-713-6910.",
};

/**
 * A prior written notice sent on `sentOn` (300.503): its implementation date is the date agreed with
 * the parent or the 10th school day after it was sent (D-05). Writes `pwn_sent`.
 */
export async function sentNotice(
  ctx: StoryContext,
  spec: {
    key: string;
    studentKey: string;
    program: Program;
    action: PwnAction;
    subject: PwnSubject;
    sentOn: string;
    lead: PersonaKey;
    versionId?: string;
    meetingId?: string;
    agreedImplementationDate?: string;
    text: NoticeText;
  },
): Promise<{ id: string; implementationDate: string }> {
  const id = seedId(`notice:${spec.key}`);
  const lang = ctx.languageOf(spec.studentKey);
  const implementationDate =
    spec.agreedImplementationDate ?? ctx.calendarOf(spec.studentKey).nthSchoolDayAfter(spec.sentOn, 10) ?? spec.sentOn;
  const elements = [
    spec.text.actionDescription,
    spec.text.reasons,
    spec.text.evaluationsUsed,
    safeguards[lang],
    help[lang],
    spec.text.optionsConsidered,
    spec.text.otherFactors,
  ];
  const doc = await document(
    ctx,
    `notice:${spec.key}`,
    spec.studentKey,
    noticeDocument(
      lang,
      ctx.nameOf(spec.studentKey),
      spec.sentOn,
      elements.map((text, i) => ({ heading: elementHeadings[lang][i]!, text })),
    ),
    spec.lead,
  );
  await ctx.tx
    .insert(priorWrittenNotices)
    .values({
      id,
      districtId: ctx.districtId,
      studentId: ctx.student(spec.studentKey),
      program: spec.program,
      status: "sent",
      action: spec.action,
      subject: spec.subject,
      planVersionId: spec.versionId ?? null,
      meetingId: spec.meetingId ?? null,
      actionDescription: elements[0]!,
      reasons: elements[1]!,
      evaluationsUsed: elements[2]!,
      safeguardsStatement: elements[3]!,
      helpSources: elements[4]!,
      optionsConsidered: elements[5]!,
      otherFactors: elements[6]!,
      language: lang,
      deliveryMethod: "in_person",
      sentOn: spec.sentOn,
      agreedImplementationDate: spec.agreedImplementationDate ?? null,
      implementationDate,
      documentId: doc.id,
      createdBy: ctx.user(spec.lead),
      sentBy: ctx.user(spec.lead),
    })
    .onConflictDoNothing();
  if (spec.program === "iep")
    await workflowEvent(ctx, spec.studentKey, id, {
      type: "pwn_sent",
      date: spec.sentOn,
      pwnAction: spec.action,
      pwnSubject: spec.subject,
      agreedImplementationDate: spec.agreedImplementationDate ?? null,
      recordedBy: ctx.user(spec.lead),
    });
  return { id, implementationDate };
}

export const consentText: Record<string, { en: [string, string]; es: [string, string] }> = {
  initial_evaluation: {
    en: [
      "Consent for an initial evaluation",
      "The team proposes to evaluate your child to find out whether they have a disability and need special education. Consent to evaluate is not consent to services.",
    ],
    es: [
      "Consentimiento para una evaluación inicial",
      "El equipo propone evaluar a su hijo para saber si tiene una discapacidad y necesita educación especial. Consentir la evaluación no es consentir los servicios.",
    ],
  },
  initial_services: {
    en: [
      "Consent for initial special education services",
      "The team developed your child's first IEP. Services begin only with your written consent. If you decline, the district will not provide special education services and cannot override your decision.",
    ],
    es: [
      "Consentimiento para los servicios iniciales de educación especial",
      "El equipo elaboró el primer PEI de su hijo. Los servicios comienzan solo con su consentimiento por escrito. Si no da su consentimiento, el distrito no proporcionará servicios de educación especial y no puede anular su decisión.",
    ],
  },
};

/**
 * A consent request bound to its form (stored, SHA-256), with an optional response; writes
 * `consent_requested` and `consent_granted` / `consent_refused` for the types the engine reads.
 */
export async function consent(
  ctx: StoryContext,
  spec: {
    key: string;
    studentKey: string;
    type: "initial_evaluation" | "initial_services";
    program: Program;
    requestedOn: string;
    lead: PersonaKey;
    versionId?: string;
    response?: { decision: "granted" | "refused"; on: string; method: "portal_signature" | "staff_recorded_paper" };
  },
): Promise<string> {
  const id = seedId(`consent:${spec.key}`);
  const lang = ctx.languageOf(spec.studentKey);
  const [what, explanation] = consentText[spec.type]![lang];
  const doc = await document(
    ctx,
    `consent:${spec.key}`,
    spec.studentKey,
    consentDocument(lang, ctx.nameOf(spec.studentKey), spec.requestedOn, what, explanation),
    spec.lead,
  );
  await ctx.tx
    .insert(consentRequests)
    .values({
      id,
      districtId: ctx.districtId,
      studentId: ctx.student(spec.studentKey),
      type: spec.type,
      program: spec.program,
      planVersionId: spec.versionId ?? null,
      documentId: doc.id,
      documentSha256: doc.sha256,
      language: lang,
      requestedOn: spec.requestedOn,
      requestedBy: ctx.user(spec.lead),
    })
    .onConflictDoNothing();
  const engineType = (consentTypes as readonly string[]).includes(spec.type) ? (spec.type as ConsentType) : null;
  if (engineType)
    await workflowEvent(ctx, spec.studentKey, id, {
      type: "consent_requested",
      consent: engineType,
      date: spec.requestedOn,
      recordedBy: ctx.user(spec.lead),
    });
  if (spec.response) {
    const responseId = seedId(`consent-response:${spec.key}`);
    const guardian = ctx.guardianOf(spec.studentKey);
    const portal = spec.response.method === "portal_signature";
    await ctx.tx
      .insert(consentResponses)
      .values({
        id: responseId,
        requestId: id,
        studentId: ctx.student(spec.studentKey),
        decision: spec.response.decision,
        signerKind: "guardian",
        signerGuardianshipId: guardian.guardianshipId,
        signerUserId: portal ? guardian.userId : null,
        signerName: guardian.name,
        method: spec.response.method,
        documentSha256: doc.sha256,
        respondedOn: spec.response.on,
        respondedAt: new Date(`${spec.response.on}T16:00:00Z`),
        recordedBy: portal ? guardian.userId : ctx.user(spec.lead),
      })
      .onConflictDoNothing();
    if (engineType)
      await workflowEvent(ctx, spec.studentKey, responseId, {
        type: spec.response.decision === "granted" ? "consent_granted" : "consent_refused",
        consent: engineType,
        date: spec.response.on,
        recordedBy: ctx.user(spec.lead),
      });
  }
  return id;
}

/** What putting a version in force (or ending it) writes: the events the plan workflow writes. */
export async function planInForce(
  ctx: StoryContext,
  spec: { studentKey: string; versionId: string; type: Program; effectiveOn: string; lead: PersonaKey },
) {
  await workflowEvent(ctx, spec.studentKey, spec.versionId, {
    type: spec.type === "iep" ? "iep_implemented" : "plan504_activated",
    date: spec.effectiveOn,
    recordedBy: ctx.user(spec.lead),
  });
}

export async function planEnded(
  ctx: StoryContext,
  spec: {
    studentKey: string;
    versionId: string;
    type: Program;
    endedOn: string;
    lead: PersonaKey;
    exitReason?: "transferred_to_504";
  },
) {
  if (spec.type === "504")
    await workflowEvent(ctx, spec.studentKey, spec.versionId, {
      type: "plan504_ended",
      date: spec.endedOn,
      recordedBy: ctx.user(spec.lead),
    });
  else if (spec.exitReason)
    await workflowEvent(ctx, spec.studentKey, spec.versionId, {
      type: "exited",
      exitReason: spec.exitReason,
      date: spec.endedOn,
      recordedBy: ctx.user(spec.lead),
    });
}

/** A due-process filing still pending: stay-put (300.518) keeps the current IEP in place. */
export async function pendingDueProcess(
  ctx: StoryContext,
  spec: { studentKey: string; filedOn: string; description: string; by: PersonaKey },
) {
  await ctx.tx
    .insert(dueProcessFilings)
    .values({
      id: seedId(`due-process:${spec.studentKey}`),
      districtId: ctx.districtId,
      studentId: ctx.student(spec.studentKey),
      program: "iep",
      filedOn: spec.filedOn,
      filedBy: "parent",
      description: spec.description,
      recordedBy: ctx.user(spec.by),
    })
    .onConflictDoNothing();
}

/** The text of a notice proposing a plan version, in the family's language. */
export function proposalText(
  lang: "en" | "es",
  kind: "initial" | "annual" | "revision" | "exit",
  meetingDate: string,
): NoticeText {
  const en: Record<typeof kind, NoticeText> = {
    initial: {
      actionDescription: `The district proposes to identify your child as eligible for special education and to provide the services in the IEP developed at the PPT meeting of ${meetingDate}.`,
      reasons:
        "The evaluation showed a disability that affects progress in the general curriculum and a need for specially designed instruction.",
      evaluationsUsed:
        "Psychoeducational evaluation; educational assessment; classroom observation; teacher and parent input.",
      optionsConsidered:
        "General education with interventions only: rejected because the student did not make adequate progress with interventions.",
      otherFactors: "The parent's concerns about reading at home were considered in the goals.",
    },
    annual: {
      actionDescription: `The district proposes the annual IEP developed at the PPT meeting of ${meetingDate}.`,
      reasons:
        "The annual review of progress and present levels supports the goals, services and accommodations as written.",
      evaluationsUsed: "Progress reports on each goal; curriculum-based measures; teacher and parent input.",
      optionsConsidered: "Continuing the previous IEP unchanged: rejected because several objectives were met.",
      otherFactors: "None.",
    },
    revision: {
      actionDescription: `The district proposes the revised IEP developed at the PPT meeting of ${meetingDate}.`,
      reasons: "New data show the student needs a change in services and accommodations before the annual review.",
      evaluationsUsed: "Progress monitoring data; teacher reports; parent input.",
      optionsConsidered:
        "Waiting for the annual review: rejected because the current services no longer meet the student's needs.",
      otherFactors: "None.",
    },
    exit: {
      actionDescription: `The district proposes to end special education services, as decided at the PPT meeting of ${meetingDate}, and to refer the student to the Section 504 team.`,
      reasons:
        "The reevaluation found the student no longer needs specially designed instruction; accommodations remain needed.",
      evaluationsUsed: "Reevaluation: review of existing data, progress reports, curriculum-based measures.",
      optionsConsidered:
        "Continuing the IEP: rejected because the student meets grade-level standards without specialized instruction.",
      otherFactors: "You may request mediation or due process; the IEP stays in place if you file before it ends.",
    },
  };
  const es: Record<typeof kind, NoticeText> = {
    initial: {
      actionDescription: `El distrito propone identificar a su hijo como elegible para educación especial y proporcionar los servicios del PEI elaborado en la reunión PPT del ${meetingDate}.`,
      reasons:
        "La evaluación mostró una discapacidad que afecta el progreso en el currículo general y la necesidad de instrucción especialmente diseñada.",
      evaluationsUsed:
        "Evaluación psicoeducativa; evaluación académica; observación en el aula; aportes de maestros y padres.",
      optionsConsidered:
        "Solo educación general con intervenciones: rechazada porque el estudiante no progresó lo suficiente con las intervenciones.",
      otherFactors: "Las preocupaciones de la familia sobre la lectura en casa se consideraron en las metas.",
    },
    annual: {
      actionDescription: `El distrito propone el PEI anual elaborado en la reunión PPT del ${meetingDate}.`,
      reasons:
        "La revisión anual del progreso y del nivel actual respalda las metas, los servicios y las adaptaciones tal como están escritos.",
      evaluationsUsed:
        "Informes de progreso de cada meta; medidas basadas en el currículo; aportes de maestros y padres.",
      optionsConsidered: "Continuar el PEI anterior sin cambios: rechazada porque se cumplieron varios objetivos.",
      otherFactors: "Ninguno.",
    },
    revision: {
      actionDescription: `El distrito propone el PEI modificado en la reunión PPT del ${meetingDate}.`,
      reasons:
        "Datos nuevos muestran que el estudiante necesita un cambio de servicios y adaptaciones antes de la revisión anual.",
      evaluationsUsed: "Datos de seguimiento del progreso; informes de maestros; aportes de la familia.",
      optionsConsidered:
        "Esperar a la revisión anual: rechazada porque los servicios actuales ya no responden a las necesidades del estudiante.",
      otherFactors: "Ninguno.",
    },
    exit: {
      actionDescription: `El distrito propone terminar los servicios de educación especial, según se decidió en la reunión PPT del ${meetingDate}, y remitir al estudiante al equipo de la Sección 504.`,
      reasons:
        "La reevaluación determinó que el estudiante ya no necesita instrucción especialmente diseñada; las adaptaciones siguen siendo necesarias.",
      evaluationsUsed:
        "Reevaluación: revisión de datos existentes, informes de progreso, medidas basadas en el currículo.",
      optionsConsidered:
        "Continuar el PEI: rechazada porque el estudiante cumple los estándares del grado sin instrucción especializada.",
      otherFactors:
        "Puede solicitar mediación o una audiencia de debido proceso; el PEI continúa si presenta la solicitud antes de que termine.",
    },
  };
  return (lang === "es" ? es : en)[kind];
}
