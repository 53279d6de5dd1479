import { getLocale } from "next-intl/server";
import type { DocumentLocale } from "@/lib/documents/plan";
import { translatorFor } from "@/lib/notifications/translator";
import type { FieldChange, ItemChange, PlanDiff } from "@/lib/plans/diff";
import { Card } from "../ui/card";

/** A field key (`goals.target`, `lre.explanation`) → its label key under plans.fields. */
function labelKey(field: string): string {
  const map: Record<string, string> = {
    "goals.text": "goalText",
    "goals.objectives.text": "objectiveText",
    "goals.objectives.schedule": "objectiveSchedule",
    "accommodations.text": "accommodationText",
    "services.type": "serviceType",
    "implementers.name": "implementerName",
    "implementers.role": "implementerRole",
    "lre.explanation": "lreExplanation",
    "transition.assessments": "transitionAssessments",
    "transition.services": "transitionServices",
  };
  if (map[field]) return map[field];
  const last = field.split(".").pop()!;
  if (field.includes(".measure.")) return `measure${last[0]!.toUpperCase()}${last.slice(1)}`;
  return last;
}

function DateDiff({ change, l }: { change: FieldChange; l: DocumentLocale }) {
  const day = (value: string) => (value ? l.formatDate(value) : "—");
  return (
    <p className="rounded bg-slate-50 p-2 text-sm">
      <del className="bg-red-100 text-red-900">
        <span className="sr-only">{l.t("plans.diff.before")}: </span>
        {day(change.before)}
      </del>{" "}
      <span aria-hidden="true">→</span>{" "}
      <ins className="bg-emerald-100 text-emerald-900 no-underline">
        <span className="sr-only">{l.t("plans.diff.after")}: </span>
        {day(change.after)}
      </ins>
    </p>
  );
}

function FieldDiff({ change, l }: { change: FieldChange; l: DocumentLocale }) {
  return (
    <div className="space-y-1">
      <h4 className="text-sm font-semibold">{l.t(`plans.fields.${labelKey(change.field)}`)}</h4>
      {change.kind === "date" ? (
        <DateDiff change={change} l={l} />
      ) : (
        <p className="rounded bg-slate-50 p-2 text-sm whitespace-pre-wrap">
          {change.parts.map((part, i) =>
            part.added ? (
              <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
                <span className="sr-only">{l.t("plans.diff.added")}: </span>
                {part.value}
              </ins>
            ) : part.removed ? (
              <del key={i} className="bg-red-100 text-red-900">
                <span className="sr-only">{l.t("plans.diff.removed")}: </span>
                {part.value}
              </del>
            ) : (
              <span key={i}>{part.value}</span>
            ),
          )}
        </p>
      )}
    </div>
  );
}

function ItemDiff({ item, l }: { item: ItemChange; l: DocumentLocale }) {
  const tone =
    item.change === "added" ? "border-emerald-400" : item.change === "removed" ? "border-red-400" : "border-amber-400";
  return (
    <li className={`space-y-2 border-l-4 pl-3 ${tone}`}>
      <p>
        <span className="font-semibold">{l.t(`plans.diff.${item.change}`)}</span> ·{" "}
        {l.t(`plans.diff.list.${item.list.replace(/\./g, "_")}`)}: {item.label || "—"}
      </p>
      {item.fields.map((field) => (
        <FieldDiff key={field.field} change={field} l={l} />
      ))}
      {item.children.length > 0 && (
        <ul className="space-y-2">
          {item.children.map((child) => (
            <ItemDiff key={child.itemId} item={child} l={l} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** "What changed" between two plan versions, readable by staff and families, in the viewer's language. */
export async function DiffView({ diff }: { diff: PlanDiff }) {
  return <DiffBody diff={diff} l={await translatorFor(await getLocale())} />;
}

/** The diff for a given language (pure rendering): text as word changes, dates as old → new dates. */
export function DiffBody({ diff, l }: { diff: PlanDiff; l: DocumentLocale }) {
  if (diff.unchanged) return <p>{l.t("plans.diff.unchanged")}</p>;
  return (
    <div className="space-y-6">
      {diff.fields.length > 0 && (
        <Card title={l.t("plans.diff.fieldsTitle")} titleId="diff-fields">
          <div className="space-y-4">
            {diff.fields.map((field) => (
              <FieldDiff key={field.field} change={field} l={l} />
            ))}
          </div>
        </Card>
      )}
      {diff.items.length > 0 && (
        <Card title={l.t("plans.diff.itemsTitle")} titleId="diff-items">
          <ul className="space-y-4">
            {diff.items.map((item) => (
              <ItemDiff key={`${item.list}-${item.itemId}`} item={item} l={l} />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
