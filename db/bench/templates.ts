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
 * One rendered document per kind and language (notice proposing a first IEP or an annual IEP,
 * consent to initial services, meeting notice). Rendering costs ~50 ms per PDF, so every stored
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

/** The seven 300.503(b) contents of a notice proposing an IEP, with a placeholder for the meeting date. */
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
  return rows;
}
