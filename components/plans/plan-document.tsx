import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import type { DocumentLocale } from "@/lib/documents/plan";
import type { PlanTypeName } from "@/lib/dto/plans";
import { translatorFor } from "@/lib/notifications/translator";
import type { IepContent, Plan504Content, PlanContent } from "@/lib/validation/plans";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="break-inside-avoid border-t border-slate-200 pt-4">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Text({ value, empty }: { value: string; empty: string }) {
  return value.trim() ? <p className="whitespace-pre-wrap">{value}</p> : <p className="text-slate-500">{empty}</p>;
}

function Pair({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="whitespace-pre-wrap">{value}</dd>
    </>
  );
}

/** The full, read-only text of a plan version (plan page and print view), in the viewer's language. */
export async function PlanDocument({ type, content }: { type: PlanTypeName; content: PlanContent }) {
  return <PlanDocumentBody type={type} content={content} l={await translatorFor(await getLocale())} />;
}

/**
 * The plan text for a given language (pure rendering; the PDF draws the same fields from
 * `buildPlanDocument`, and `plan-document.test.tsx` checks both show every content field).
 */
export function PlanDocumentBody({
  type,
  content,
  l,
}: {
  type: PlanTypeName;
  content: PlanContent;
  l: DocumentLocale;
}) {
  const f = (key: string, values?: Record<string, string | number>) => l.t(`plans.fields.${key}`, values);
  const o = (group: string, key: string) => (key ? l.t(`plans.options.${group}.${key}`) : "—");
  const day = (value: string) => (value ? l.formatDate(value) : "—");
  const empty = l.t("plans.none");
  const accommodations = (
    <Section title={f("accommodations")}>
      {content.accommodations.length === 0 ? (
        <p className="text-slate-500">{empty}</p>
      ) : (
        <ol className="list-decimal space-y-3 pl-5">
          {content.accommodations.map((a) => (
            <li key={a.id}>
              <p className="font-medium">
                {a.text}{" "}
                <span className="text-sm font-normal text-slate-600">
                  ({o("kind", a.kind)}
                  {a.classroom ? ` · ${f("classroom")}` : ""}
                  {a.testing ? ` · ${f("testing")}` : ""})
                </span>
              </p>
              <p className="text-sm">
                {f("teacherAction")}: {a.teacherAction || "—"}
              </p>
              {a.responsible && (
                <p className="text-sm">
                  {f("responsible")}: {a.responsible}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );

  if (type === "504") {
    const c = content as Plan504Content;
    return (
      <article className="space-y-5">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <Pair label={f("meetingDate")} value={day(c.meetingDate)} />
          <Pair label={f("reviewDate")} value={day(c.reviewDate)} />
          <Pair label={f("basis")} value={o("basis", c.basis)} />
        </dl>
        <Section title={f("impairment")}>
          <Text value={c.impairment} empty={empty} />
        </Section>
        <Section title={f("majorLifeActivities")}>
          <p>{c.majorLifeActivities.map((m) => o("mla", m)).join(", ") || empty}</p>
        </Section>
        <Section title={f("evaluationSources")}>
          <Text value={c.evaluationSources} empty={empty} />
        </Section>
        <Section title={f("mitigatingMeasures")}>
          <Text value={c.mitigatingMeasures} empty={empty} />
          <p className="mt-2 text-sm text-amber-900">{f("mitigatingWarning")}</p>
        </Section>
        {accommodations}
      </article>
    );
  }

  const c = content as IepContent;
  const hours = Number(c.lre.schoolHoursPerWeek);
  const peers = Number(c.lre.hoursWithPeers);
  return (
    <article className="space-y-5">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <Pair label={f("meetingDate")} value={day(c.meetingDate)} />
      </dl>
      <Section title={f("presentLevels")}>
        <Text value={c.presentLevels} empty={empty} />
      </Section>
      {c.parentConcerns.trim() && (
        <Section title={f("parentConcerns")}>
          <Text value={c.parentConcerns} empty={empty} />
        </Section>
      )}
      <Section title={f("goals")}>
        {c.goals.length === 0 ? (
          <p className="text-slate-500">{empty}</p>
        ) : (
          <ol className="space-y-4">
            {c.goals.map((g, i) => (
              <li key={g.id} className="rounded border border-slate-200 p-3">
                <h3 className="font-semibold">
                  {f("goalN", { n: i + 1 })}
                  {g.area && <span className="font-normal text-slate-600"> · {o("area", g.area)}</span>}
                </h3>
                <p className="mt-1 whitespace-pre-wrap">{g.text}</p>
                <dl className="mt-2 grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[max-content_1fr]">
                  <Pair label={f("baseline")} value={g.baseline || "—"} />
                  <Pair label={f("target")} value={g.target || "—"} />
                  <Pair label={f("measurement")} value={g.measurement || "—"} />
                  <Pair label={f("schedule")} value={g.schedule || "—"} />
                </dl>
                <h4 className="mt-3 text-sm font-semibold">{f("objectives")}</h4>
                <ol className="list-decimal pl-5 text-sm">
                  {g.objectives.map((obj) => (
                    <li key={obj.id}>
                      {obj.text} — {f("criteria")}: {obj.criteria || "—"}; {f("evaluation")}: {obj.evaluation || "—"};{" "}
                      {f("objectiveSchedule")}: {obj.schedule || "—"}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title={f("services")}>
        {c.services.length === 0 ? (
          <p className="text-slate-500">{empty}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="stack-table min-w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("serviceType")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("category")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("minutes")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("location")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("providerName")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("startDate")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {f("endDate")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {c.services.map((s) => (
                  <tr key={s.id}>
                    <td className="py-1 pr-3" data-label={f("serviceType")}>
                      {s.type}
                    </td>
                    <td className="py-1 pr-3" data-label={f("category")}>
                      {o("category", s.category)}
                    </td>
                    <td className="py-1 pr-3" data-label={f("minutes")}>
                      {s.minutes} / {o("frequency", s.frequency)}
                    </td>
                    <td className="py-1 pr-3" data-label={f("location")}>
                      {o("location", s.location)}
                    </td>
                    <td className="py-1 pr-3" data-label={f("providerName")}>
                      {s.providerName || "—"}
                    </td>
                    <td className="py-1 pr-3" data-label={f("startDate")}>
                      {day(s.startDate)}
                    </td>
                    <td className="py-1 pr-3" data-label={f("endDate")}>
                      {day(s.endDate)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {accommodations}
      <Section title={f("lre")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <Pair label={f("schoolHoursPerWeek")} value={c.lre.schoolHoursPerWeek || "—"} />
          <Pair label={f("hoursWithPeers")} value={c.lre.hoursWithPeers || "—"} />
        </dl>
        {hours > 0 && peers <= hours && <p>{f("peersPercent", { percent: Math.round((peers / hours) * 100) })}</p>}
        <Text value={c.lre.explanation} empty={empty} />
      </Section>
      {(c.transition.postsecondaryEducation || c.transition.employment || c.transition.assessments) && (
        <Section title={f("transition")}>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <Pair label={f("transitionAssessments")} value={c.transition.assessments || "—"} />
            <Pair label={f("postsecondaryEducation")} value={c.transition.postsecondaryEducation || "—"} />
            <Pair label={f("employment")} value={c.transition.employment || "—"} />
            <Pair label={f("independentLiving")} value={c.transition.independentLiving || "—"} />
            <Pair label={f("transitionServices")} value={c.transition.services || "—"} />
          </dl>
        </Section>
      )}
      <Section title={f("implementers")}>
        <ul className="list-disc pl-5">
          {c.implementers.map((p) => (
            <li key={p.id}>
              {p.name}
              {p.role && <span className="text-slate-600"> — {p.role}</span>}
            </li>
          ))}
        </ul>
      </Section>
    </article>
  );
}
