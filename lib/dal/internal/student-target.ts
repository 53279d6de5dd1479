import "server-only";
import type { SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { studentRelationshipConditions, visibleStudents, type Relationship } from "@/lib/policy";
import { isUuid } from "@/lib/validation/ids";
import { loaderFor, type Loader, type Target } from "../core";
import type { Viewer } from "../viewer";
import { relationshipFields, scopeOf, splitRelationships } from "./scope";

const relationshipColumns = (viewer: Viewer) => relationshipFields(studentRelationshipConditions(scopeOf(viewer)));

/** What the query of a student-scoped loader must use: select the columns, filter on `visible`. */
export interface StudentScope {
  /** `rel_<relationship>` select fields: the viewer's relationships to the joined `students` row. */
  relationships: ReturnType<typeof relationshipColumns>;
  /** The read scope: the joined `students` row is visible to the viewer. */
  visible: SQL;
}

type Loaded<Row> = ReturnType<typeof splitRelationships<Row & Record<string, unknown>>>;

/**
 * The one way to load an entity that belongs to a student: refuses malformed ids, runs `query`
 * (which joins `students`, selects `scope.relationships` and filters on `scope.visible`), splits the
 * viewer's relationships off the row, and lets `target` shape the entity (and add relationships
 * that depend on the entity, e.g. `assignedImplementer`). Nothing visible → null (a 404). With
 * `recordMiss`, a miss is recorded against `entityType`/`id` as a denied access.
 */
export function studentScopedLoader<Row extends Record<string, unknown>, E>(spec: {
  entityType: string;
  id: string;
  /** Other ids in the request; each must be empty or well-formed. */
  otherIds?: string[];
  recordMiss?: boolean;
  query: (db: Executor, scope: StudentScope, viewer: Viewer) => Promise<Row[]>;
  target: (
    loaded: Loaded<Row>,
    db: Executor,
    viewer: Viewer,
  ) =>
    | (Omit<Target<E>, "entityType" | "relationships"> & { relationships?: ReadonlySet<Relationship> })
    | Promise<Omit<Target<E>, "entityType" | "relationships"> & { relationships?: ReadonlySet<Relationship> }>;
}): Loader<E> {
  const load = async (db: Executor, viewer: Viewer): Promise<Target<E> | null> => {
    if (!isUuid(spec.id) || spec.otherIds?.some((id) => id !== "" && !isUuid(id))) return null;
    const scope = scopeOf(viewer);
    const [row] = await spec.query(
      db,
      { relationships: relationshipColumns(viewer), visible: visibleStudents(scope) },
      viewer,
    );
    if (!row) return null;
    const loaded = splitRelationships(row);
    const shaped = await spec.target(loaded, db, viewer);
    return { relationships: loaded.relationships, ...shaped, entityType: spec.entityType };
  };
  return spec.recordMiss === false ? load : loaderFor(spec.entityType, spec.id, load);
}
