import { sql, type SQL } from "drizzle-orm";
import type { Relationship, ScopeViewer } from "@/lib/policy";
import type { Viewer } from "../viewer";

/** The parts of the viewer that SQL scopes need (user, district, role, local date). */
export function scopeOf(viewer: Viewer): ScopeViewer {
  return { userId: viewer.userId, districtId: viewer.districtId, role: viewer.role, today: viewer.today };
}

/**
 * Wraps a correlated fragment for use as a select field. Drizzle strips table names from columns
 * written directly in a select field of a single-table query ("id" instead of "schools"."id"),
 * which silently rebinds them inside a subquery; columns inside a nested fragment stay qualified.
 */
export function selectField<T>(fragment: SQL): SQL<T> {
  return sql<T>`${fragment}`;
}

/** Turns a record of relationship conditions into boolean select fields named `rel_<name>`. */
export function relationshipFields<K extends string>(conditions: Record<K, SQL>) {
  const fields = {} as Record<`rel_${K}`, SQL<boolean>>;
  for (const [name, condition] of Object.entries(conditions) as [K, SQL][]) {
    fields[`rel_${name}`] = selectField<boolean>(sql`(${condition})`);
  }
  return fields;
}

type WithoutRelationships<T> = { [K in keyof T as K extends `rel_${string}` ? never : K]: T[K] };

/** Splits a row selected with `relationshipFields` into the entity and the set of relationships held. */
export function splitRelationships<T extends Record<string, unknown>>(
  row: T,
): { entity: WithoutRelationships<T>; relationships: Set<Relationship> } {
  const entity: Record<string, unknown> = {};
  const relationships = new Set<Relationship>();
  for (const [key, value] of Object.entries(row)) {
    if (!key.startsWith("rel_")) entity[key] = value;
    else if (value === true) relationships.add(key.slice(4) as Relationship);
  }
  return { entity: entity as WithoutRelationships<T>, relationships };
}
