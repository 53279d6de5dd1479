import { addYears } from "@/lib/compliance/dates";
import { sha256Hex } from "@/lib/documents/model";
import { renderDocumentPdf } from "@/lib/dal/internal/documents";
import { accommodationSet } from "@/lib/delivery/rules";
import { canonicalJson, contentHash } from "@/lib/plans/hash";
import { materializedRows } from "@/lib/plans/materialize";
import type { PlanContent } from "@/lib/validation/plans";
import { consentDocument, meetingNoticeDocument, noticeDocument } from "../seed/documents";
import { iep, plan504 } from "../seed/plans";
import { consentText, elementHeadings, help, proposalText, purposeText, safeguards } from "../seed/story";

/**
 * Plan content and documents for the scale generator, built once by the demo seed's own builders
 * (db/seed/plans.ts `iep` / `plan504`, db/seed/documents.ts) and specialised per version in SQL.
 *
 * A content template is the canonical JSON text (lib/plans/hash.ts `canonicalJson`) of a version
 * written for a reference meeting date and placeholder name and provider. SQL replaces the
 * placeholders with the student's first name, the school's speech-language pathologist and the
 * dates derived from the real meeting date (services start 5 days after it, end and review a year
 * after it), then stores `text::jsonb` and `sha256(text)` — the same hash `contentHash` computes,
 * because the replacements are plain strings that need no JSON escaping and keys do not move.
 */
export const NAME_TOKEN = "@@NAME@@";
export const PROVIDER_TOKEN = "@@PROVIDER@@";
/** The reference meeting date and the dates the builders derive from it (replaced in that order). */
export const REF_MEETING = "1990-01-01";
export const REF_START = "1990-01-06";
export const REF_YEAR_LATER = addYears(REF_MEETING, 1);

export interface ContentTemplate {
  key: number;
  planType: "iep" | "504";
  text: string;
  /** SHA-256 of the accommodation set (what an acknowledgment binds to); no placeholder reaches it. */
  accommodationHash: string;
  classroomAccommodations: number;
}

const IMPLEMENTERS: [string, string][] = [
  ["Case manager", "Special education teacher"],
  ["Classroom teachers", "General education teachers"],
];

function template(key: number, planType: "iep" | "504", content: PlanContent): ContentTemplate {
  const rows = materializedRows("00000000-0000-4000-8000-000000000000", planType, content, (id) => id);
  const text = canonicalJson(content);
  for (const token of [REF_START, REF_YEAR_LATER])
    if (!text.includes(token) && planType === "iep") throw new Error(`template ${key} lacks ${token}`);
  return {
    key,
    planType,
    text,
    accommodationHash: contentHash(accommodationSet(rows.accommodations)),
    classroomAccommodations: rows.accommodations.filter((a) => a.classroom).length,
  };
}

/**
 * IEP templates 0–7: transition plan (high school) × a speech-language service with a named
 * provider × extended time 1.5x / 2x (an amendment flips it, so "what changed" has a change to
 * show). 504 templates 8–9: two impairments with the same accommodations.
 */
export function contentTemplates(): ContentTemplate[] {
  const list: ContentTemplate[] = [];
  for (let k = 0; k < 8; k++) {
    const withTransition = (k & 1) === 1;
    const speech = (k & 2) === 2;
    const extended = (k & 4) === 4 ? "2x" : "1.5x";
    list.push(
      template(
        k,
        "iep",
        iep(`bench-iep-${k}`, REF_MEETING, {
          name: NAME_TOKEN,
          implementers: IMPLEMENTERS,
          withTransition,
          providerUserId: speech ? PROVIDER_TOKEN : undefined,
          extended,
        }),
      ),
    );
  }
  list.push(template(8, "504", plan504("bench-504-0", REF_MEETING, NAME_TOKEN)));
  list.push(
    template(
      9,
      "504",
      plan504("bench-504-1", REF_MEETING, NAME_TOKEN, {
        impairment: "Type 1 diabetes (documented by the student's endocrinologist).",
        majorLifeActivities: ["major_bodily_function", "concentrating"],
        mitigatingMeasures: `${NAME_TOKEN} uses an insulin pump and a continuous glucose monitor.`,
      }),
    ),
  );
  return list;
}

/** The SQL expression that specialises a template's text for one version (see the module comment). */
export function contentSql(textExpr: string, firstNameExpr: string, providerExpr: string, meetingExpr: string) {
  return `replace(replace(replace(replace(replace(${textExpr}, '${NAME_TOKEN}', ${firstNameExpr}),
    '${PROVIDER_TOKEN}', coalesce(${providerExpr}::text, '')),
    '${REF_YEAR_LATER}', ((${meetingExpr}) + interval '1 year')::date::text),
    '${REF_START}', ((${meetingExpr}) + 5)::text),
    '${REF_MEETING}', (${meetingExpr})::text)`;
}

export interface DocumentTemplate {
  key: string;
  kind: "prior_written_notice" | "consent_form" | "meeting_notice";
  language: "en" | "es";
  model: unknown;
  pdf: Uint8Array;
  sha256: string;
}

const BULK_LABEL = { en: "(benchmark data)", es: "(datos de prueba de rendimiento)" };

/**
 * The five elements of a notice proposing to end a 504 plan that is no longer needed (300.503(b) by
 * analogy, as the district's 504 procedures use it), besides the safeguards and sources of help.
 */
const END_504_TEXT = {
  en: {
    actionDescription:
      "The district proposes to end your child's Section 504 plan: the 504 team found the accommodations are no longer needed.",
    reasons:
      "Grades, teacher reports and classroom observations over the last marking period show your child participates fully without the accommodations.",
    evaluationsUsed: "Review of grades and attendance; teacher reports; classroom observation; parent input.",
    optionsConsidered:
      "Keeping the plan unchanged: rejected because no accommodation was used or needed in the last marking period.",
    otherFactors: "You may ask the 504 team to meet again at any time if new needs appear.",
  },
  es: {
    actionDescription:
      "El distrito propone terminar el plan 504 de su hijo o hija: el equipo 504 determinó que las adaptaciones ya no son necesarias.",
    reasons:
      "Las calificaciones, los informes de los maestros y las observaciones en el aula del último período muestran que participa plenamente sin las adaptaciones.",
    evaluationsUsed:
      "Revisión de calificaciones y asistencia; informes de los maestros; observación en el aula; aportes de la familia.",
    optionsConsidered:
      "Mantener el plan sin cambios: se descartó porque no se usó ni se necesitó ninguna adaptación en el último período.",
    otherFactors: "Puede pedir al equipo 504 que se reúna de nuevo en cualquier momento si surgen nuevas necesidades.",
  },
} as const;

const end504Elements = (lang: "en" | "es") => {
  const t = END_504_TEXT[lang];
  return [
    t.actionDescription,
    t.reasons,
    t.evaluationsUsed,
    safeguards[lang],
    help[lang],
    t.optionsConsidered,
    t.otherFactors,
  ];
};

/**
 * One rendered document per kind and language (notice proposing a first IEP or an annual IEP, or
 * the end of a 504 plan; consent to initial services; meeting notice). Rendering costs ~50 ms per PDF, so every stored
 * document of the generated district is a copy of its template: model, PDF and SHA-256 agree, and
 * the model names no student (it says "(benchmark data)").
 */
export async function documentTemplates(): Promise<DocumentTemplate[]> {
  const list: DocumentTemplate[] = [];
  for (const lang of ["en", "es"] as const) {
    const label = BULK_LABEL[lang];
    const models: [string, DocumentTemplate["kind"], unknown][] = [];
    for (const kind of ["initial", "annual"] as const) {
      const text = proposalText(lang, kind, label);
      const elements = [
        text.actionDescription,
        text.reasons,
        text.evaluationsUsed,
        safeguards[lang],
        help[lang],
        text.optionsConsidered,
        text.otherFactors,
      ];
      models.push([
        `pwn-${kind}`,
        "prior_written_notice",
        noticeDocument(
          lang,
          label,
          label,
          elements.map((t, i) => ({ heading: elementHeadings[lang][i]!, text: t })),
        ),
      ]);
    }
    models.push([
      "pwn-end504",
      "prior_written_notice",
      noticeDocument(
        lang,
        label,
        label,
        end504Elements(lang).map((t, i) => ({ heading: elementHeadings[lang][i]!, text: t })),
      ),
    ]);
    const [what, explanation] = consentText.initial_services![lang];
    models.push(["consent-services", "consent_form", consentDocument(lang, label, label, what, explanation)]);
    for (const [key, purposes] of [
      ["notice-initial", ["eligibility", "initial_iep"]],
      ["notice-annual", ["annual_review"]],
      ["notice-504", ["eligibility"]],
    ] as const)
      models.push([
        key,
        "meeting_notice",
        meetingNoticeDocument(
          lang,
          label,
          label,
          purposes.map((p) => purposeText[p][lang]).join(" · "),
          "Conference room, main office",
        ),
      ]);
    for (const [key, kind, model] of models) {
      const pdf = await renderDocumentPdf(model as Parameters<typeof renderDocumentPdf>[0]);
      list.push({ key, kind, language: lang, model, pdf, sha256: sha256Hex(pdf) });
    }
  }
  return list;
}

/**
 * The seven 300.503(b) contents of a notice proposing an IEP (with a placeholder for the meeting date)
 * or the end of a 504 plan.
 */
export function noticeTextTemplates() {
  const rows: { key: string; language: "en" | "es"; elements: string[] }[] = [];
  for (const lang of ["en", "es"] as const)
    for (const kind of ["initial", "annual"] as const) {
      const t = proposalText(lang, kind, REF_MEETING);
      rows.push({
        key: kind,
        language: lang,
        elements: [
          t.actionDescription,
          t.reasons,
          t.evaluationsUsed,
          safeguards[lang],
          help[lang],
          t.optionsConsidered,
          t.otherFactors,
        ],
      });
    }
  for (const lang of ["en", "es"] as const)
    rows.push({ key: "end504", language: lang, elements: end504Elements(lang) });
  return rows;
}
