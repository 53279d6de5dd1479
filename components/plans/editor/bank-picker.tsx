"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { inputClass } from "../../ui/field";

export const BANK_CATEGORIES = ["reading", "writing", "math", "behavior", "attention", "testing"] as const;

/**
 * A searchable bank (accommodations or goals) that opens in place. Inserting copies the item into
 * the draft, where it is edited like any other text.
 */
export function BankPicker<T extends { id: string; text: string }>({
  openLabel,
  search,
  onInsert,
  describe,
}: {
  openLabel: string;
  search: (input: { q: string; category: string }) => Promise<ActionResult<T[]>>;
  onInsert: (item: T) => void;
  describe: (item: T) => string;
}) {
  const t = useTranslations("plans.bank");
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [category, setCategory] = useState("");
  const [items, setItems] = useState<T[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      startTransition(async () => {
        const result = await search({ q, category });
        setItems(result.ok ? result.data : []);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [open, q, category, search]);

  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${uid}-panel`}
        onClick={() => setOpen(!open)}
        className="text-sm font-medium text-brand-700 underline underline-offset-2"
      >
        {open ? t("close") : openLabel}
      </button>
      {open && (
        <div id={`${uid}-panel`} className="mt-3 space-y-3">
          <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
            <div>
              <label htmlFor={`${uid}-q`} className="block text-sm font-medium">
                {t("search")}
              </label>
              <input
                id={`${uid}-q`}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor={`${uid}-category`} className="block text-sm font-medium">
                {t("category")}
              </label>
              <select
                id={`${uid}-category`}
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                className={inputClass}
              >
                <option value="">{t("all")}</option>
                {BANK_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`categories.${c}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p role="status" className="text-sm text-slate-600">
            {pending ? "…" : (notice ?? t("results", { count: items.length }))}
          </p>
          {items.length > 0 && (
            <ul className="max-h-80 divide-y divide-slate-200 overflow-y-auto rounded border border-slate-200 bg-white">
              {items.map((item) => (
                <li key={item.id} className="flex items-start justify-between gap-3 p-2 text-sm">
                  <span>
                    <span className="font-medium">{item.text}</span>
                    <span className="block text-slate-600">{describe(item)}</span>
                  </span>
                  <button
                    type="button"
                    aria-label={t("insertItem", { item: item.text })}
                    className="shrink-0 rounded border border-brand-600 px-2 py-1 text-brand-700 hover:bg-brand-50"
                    onClick={() => {
                      onInsert(item);
                      setNotice(t("inserted"));
                    }}
                  >
                    {t("insert")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
