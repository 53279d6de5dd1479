"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PlanContent } from "@/lib/validation/plans";
import { Button } from "../../ui/button";
import { keyIn } from "@/lib/i18n/keys";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function Value({ value }: { value: Json | undefined }) {
  if (value === undefined || value === null || value === "") return <span className="text-slate-500">—</span>;
  if (typeof value === "string") return <p className="whitespace-pre-wrap">{value}</p>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">—</span>;
    return (
      <ul className="list-disc pl-5">
        {value.map((item, i) => (
          <li key={i}>
            {typeof item === "object" && item !== null && !Array.isArray(item)
              ? String(item.text || item.type || item.name || "")
              : String(item)}
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    return (
      <ul className="space-y-1">
        {Object.entries(value).map(([k, v]) => (
          <li key={k}>
            <span className="text-slate-600">{k}: </span>
            {String(v ?? "")}
          </li>
        ))}
      </ul>
    );
  }
  return <span>{String(value)}</span>;
}

/**
 * The editing conflict: for every part of the draft that differs between the saved version and
 * the user's, both texts side by side and a choice. Nothing is dropped until the user decides.
 */
export function ConflictPanel({
  theirs,
  mine,
  savedBy,
  savedAt,
  onResolve,
}: {
  theirs: PlanContent;
  mine: PlanContent;
  savedBy: string | null;
  savedAt: string;
  onResolve: (merged: PlanContent) => void;
}) {
  const t = useTranslations("plans");
  const a = theirs as unknown as Record<string, Json>;
  const b = mine as unknown as Record<string, Json>;
  const keys = Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const [choices, setChoices] = useState<Record<string, "mine" | "theirs">>(() =>
    Object.fromEntries(keys.map((k) => [k, "mine"])),
  );
  const time = new Date(savedAt).toLocaleTimeString();
  return (
    <section
      aria-labelledby="conflict-title"
      className="space-y-4 rounded-lg border-2 border-amber-500 bg-amber-50 p-5"
    >
      <h2 id="conflict-title" className="text-lg font-semibold">
        {t("editor.conflict.title")}
      </h2>
      <p>{t("editor.conflict.intro", { name: savedBy ?? t("editor.conflict.unknownEditor"), time })}</p>
      {keys.map((key) => (
        <fieldset key={key} className="rounded-md border border-amber-300 bg-white p-3">
          <legend className="px-1 font-semibold">{t(keyIn("plans", `fields.${key}`))}</legend>
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="mb-1 text-sm font-semibold text-slate-700">{t("editor.conflict.theirs")}</h3>
              <div className="text-sm">
                <Value value={a[key]} />
              </div>
              <label className="mt-2 inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`conflict-${key}`}
                  checked={choices[key] === "theirs"}
                  onChange={() => setChoices({ ...choices, [key]: "theirs" })}
                />
                {t("editor.conflict.keepTheirs")}
              </label>
            </div>
            <div>
              <h3 className="mb-1 text-sm font-semibold text-slate-700">{t("editor.conflict.mine")}</h3>
              <div className="text-sm">
                <Value value={b[key]} />
              </div>
              <label className="mt-2 inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`conflict-${key}`}
                  checked={choices[key] === "mine"}
                  onChange={() => setChoices({ ...choices, [key]: "mine" })}
                />
                {t("editor.conflict.keepMine")}
              </label>
            </div>
          </div>
        </fieldset>
      ))}
      <Button
        type="button"
        onClick={() => {
          const merged: Record<string, Json> = { ...a };
          for (const key of keys) if (choices[key] === "mine") merged[key] = b[key]!;
          onResolve(merged as unknown as PlanContent);
        }}
      >
        {t("editor.conflict.save")}
      </Button>
    </section>
  );
}
