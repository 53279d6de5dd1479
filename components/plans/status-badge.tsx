import { getTranslations } from "next-intl/server";
import type { VersionStatusName } from "@/lib/dto/plans";

const tones: Record<VersionStatusName, string> = {
  draft: "bg-slate-100 text-slate-800",
  proposed: "bg-sky-100 text-sky-900",
  final: "bg-indigo-100 text-indigo-900",
  active: "bg-emerald-100 text-emerald-900",
  superseded: "bg-slate-200 text-slate-700",
  ended: "bg-slate-200 text-slate-700",
};

export async function StatusBadge({ status }: { status: VersionStatusName }) {
  const t = await getTranslations("plans.status");
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${tones[status]}`}>{t(status)}</span>;
}
