import { diffWords } from "diff";

/**
 * One changed value: its field key (for the label), before and after, and how to show it. A text
 * carries a word-level diff; a date (`kind: "date"`, ISO `YYYY-MM-DD` or empty on either side) is
 * shown whole as old → new in the reader's date format, never as a character diff.
 */
export interface FieldChange {
  /** Field key without positions, e.g. `presentLevels`, `lre.explanation`, `goals.baseline`. */
  field: string;
  kind: "text" | "date";
  before: string;
  after: string;
  /** The word-level diff of a text; empty for a date. */
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

/** Content fields that hold a calendar date (`YYYY-MM-DD` or empty in a draft). */
const DATE_FIELDS = new Set(["meetingDate", "reviewDate", "startDate", "endDate", "baselineDate"]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDateField(field: string, a: string, b: string): boolean {
  return DATE_FIELDS.has(field.split(".").pop()!) && [a, b].every((v) => v === "" || ISO_DAY.test(v));
}

/** An item of a list (goal, objective, service, accommodation, implementer) added, removed or changed. */
export interface ItemChange {
  list: string;
  change: "added" | "removed" | "changed";
  itemId: string;
  /** A short human label for the item (its main text), from the newer side when present. */
  label: string;
  fields: FieldChange[];
  children: ItemChange[];
}

export interface PlanDiff {
  fields: FieldChange[];
  items: ItemChange[];
  unchanged: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Item = { id: string; [key: string]: Json };

const LABEL_KEYS = ["text", "type", "name"];

function isItemList(value: unknown): value is Item[] {
  return (
    Array.isArray(value) &&
    value.every((v) => typeof v === "object" && v !== null && typeof (v as Item).id === "string")
  );
}

function display(value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => display(v)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function labelOf(item: Item): string {
  for (const key of LABEL_KEYS) {
    const value = item[key];
    if (typeof value === "string" && value.trim()) return value.trim().slice(0, 120);
  }
  return "";
}

function fieldChange(field: string, before: Json | undefined, after: Json | undefined): FieldChange | null {
  const a = display(before);
  const b = display(after);
  if (a === b) return null;
  if (isDateField(field, a, b)) return { field, kind: "date", before: a, after: b, parts: [] };
  return {
    field,
    kind: "text",
    before: a,
    after: b,
    parts: diffWords(a, b).map(({ value, added, removed }) => ({ value, added, removed })),
  };
}

function compareObjects(
  before: Record<string, Json>,
  after: Record<string, Json>,
  prefix: string,
  fields: FieldChange[],
  items: ItemChange[],
) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "id");
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    const field = prefix ? `${prefix}.${key}` : key;
    if ((Array.isArray(a) || Array.isArray(b)) && isItemList(a ?? []) && isItemList(b ?? [])) {
      items.push(...compareLists(field, (a as Item[] | undefined) ?? [], (b as Item[] | undefined) ?? []));
    } else if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
      compareObjects(a, b, field, fields, items);
    } else {
      const change = fieldChange(field, a, b);
      if (change) fields.push(change);
    }
  }
}

function compareLists(list: string, before: Item[], after: Item[]): ItemChange[] {
  const changes: ItemChange[] = [];
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  for (const item of after) {
    const old = beforeById.get(item.id);
    if (!old) {
      changes.push({ list, change: "added", itemId: item.id, label: labelOf(item), fields: [], children: [] });
      continue;
    }
    const fields: FieldChange[] = [];
    const children: ItemChange[] = [];
    compareObjects(old, item, list, fields, children);
    if (fields.length || children.length)
      changes.push({ list, change: "changed", itemId: item.id, label: labelOf(item), fields, children });
  }
  for (const item of before) {
    if (!afterIds.has(item.id))
      changes.push({ list, change: "removed", itemId: item.id, label: labelOf(item), fields: [], children: [] });
  }
  return changes;
}

/**
 * "What changed" between two versions of a plan: field-level changes (with word diffs) and items
 * of every list (goals and their objectives, services, accommodations, implementers) matched by
 * their stable ids across versions, so an amended goal shows as changed, not removed and added.
 */
export function diffPlanContent(before: unknown, after: unknown): PlanDiff {
  const fields: FieldChange[] = [];
  const items: ItemChange[] = [];
  compareObjects((before ?? {}) as Record<string, Json>, (after ?? {}) as Record<string, Json>, "", fields, items);
  return { fields, items, unchanged: fields.length === 0 && items.length === 0 };
}

/** The field paths a change touched (for audit rows: names only, never the text). */
export function changedFieldNames(diff: PlanDiff): string[] {
  const names = new Set<string>(diff.fields.map((f) => f.field));
  const visit = (changes: ItemChange[]) => {
    for (const c of changes) {
      names.add(c.change === "changed" ? c.list : `${c.list}[${c.change}]`);
      c.fields.forEach((f) => names.add(f.field));
      visit(c.children);
    }
  };
  visit(diff.items);
  return [...names].sort();
}
