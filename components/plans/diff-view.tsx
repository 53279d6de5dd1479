import { getTranslations } from "next-intl/server";
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
  return field.split(".").pop()!;
}

async function FieldDiff({ change }: { change: FieldChange }) {
  const t = await getTranslations("plans");
  return (
    <div className="space-y-1">
      <h4 className="text-sm font-semibold">{t(`fields.${labelKey(change.field)}` as never)}</h4>
      <p className="rounded bg-slate-50 p-2 text-sm whitespace-pre-wrap">
        {change.parts.map((part, i) =>
          part.added ? (
            <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
              <span className="sr-only">{t("diff.added")}: </span>
              {part.value}
            </ins>
          ) : part.removed ? (
            <del key={i} className="bg-red-100 text-red-900">
              <span className="sr-only">{t("diff.removed")}: </span>
              {part.value}
            </del>
          ) : (
            <span key={i}>{part.value}</span>
          ),
        )}
      </p>
    </div>
  );
}

async function ItemDiff({ item }: { item: ItemChange }) {
  const t = await getTranslations("plans");
  const tone =
    item.change === "added" ? "border-emerald-400" : item.change === "removed" ? "border-red-400" : "border-amber-400";
  return (
    <li className={`space-y-2 border-l-4 pl-3 ${tone}`}>
      <p>
        <span className="font-semibold">{t(`diff.${item.change}`)}</span> ·{" "}
        {t(`diff.list.${item.list.replace(/\./g, "_")}` as never)}: {item.label || "—"}
      </p>
      {item.fields.map((field) => (
        <FieldDiff key={field.field} change={field} />
      ))}
      {item.children.length > 0 && (
        <ul className="space-y-2">
          {item.children.map((child) => (
            <ItemDiff key={child.itemId} item={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** "What changed" between two plan versions, readable by staff and families. */
export async function DiffView({ diff }: { diff: PlanDiff }) {
  const t = await getTranslations("plans.diff");
  if (diff.unchanged) return <p>{t("unchanged")}</p>;
  return (
    <div className="space-y-6">
      {diff.fields.length > 0 && (
        <Card title={t("fieldsTitle")} titleId="diff-fields">
          <div className="space-y-4">
            {diff.fields.map((field) => (
              <FieldDiff key={field.field} change={field} />
            ))}
          </div>
        </Card>
      )}
      {diff.items.length > 0 && (
        <Card title={t("itemsTitle")} titleId="diff-items">
          <ul className="space-y-4">
            {diff.items.map((item) => (
              <ItemDiff key={`${item.list}-${item.itemId}`} item={item} />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
