import "server-only";
import { Column, is, SQL, sql, type SQLWrapper } from "drizzle-orm";
import type { Executor } from "@/db/client";

/** A drizzle select: SQL that runs when awaited and knows the fields it selects. */
export interface BatchableSelect<T> extends SQLWrapper, PromiseLike<T[]> {
  readonly _: { readonly selectedFields: Record<string, unknown> };
}

/** How drizzle decodes one selected field's value (a column's mapping, or a `sql` field's `mapWith`). */
function decoderOf(field: unknown): (value: unknown) => unknown {
  if (is(field, Column)) return (value) => field.mapFromDriverValue(value);
  // `decoder` (set by `mapWith`, a no-op otherwise) is how drizzle itself decodes a `sql` field; it is not typed.
  const decoded = (fragment: SQL) =>
    (fragment as unknown as { decoder: { mapFromDriverValue(v: unknown): unknown } }).decoder;
  if (is(field, SQL)) return (value) => decoded(field).mapFromDriverValue(value);
  if (is(field, SQL.Aliased)) return (value) => decoded(field.sql).mapFromDriverValue(value);
  throw new Error("ReadBatch reads flat selections of columns and SQL fields only");
}

interface Pending {
  query: BatchableSelect<unknown>;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Selects issued together — in one synchronous pass, as the providers of a work queue are started — sent
 * to the database as one statement (issue 15: SQL statements per render). Each select becomes one column
 * of that statement: its rows, in its own order, as a JSON array (`json_agg` over the select as a
 * subquery, its columns renamed by position), decoded by the select's own fields the way drizzle decodes a
 * row. A select issued alone is sent as it is. Values pass through their JSON form: text, numbers,
 * booleans, uuids, dates (`YYYY-MM-DD`) and JSON come back as the select alone returns them
 * (read-batch.test.ts); check any other type before batching a select that returns it. Flat selections only.
 */
export class ReadBatch {
  readonly #db: Executor;
  #pending: Pending[] = [];

  constructor(db: Executor) {
    this.#db = db;
  }

  /** The rows of `query`, read with the other selects issued in the same pass. */
  read<T>(query: BatchableSelect<T>): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.#pending.push({ query, resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.#pending.length === 1) queueMicrotask(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    try {
      if (batch.length === 1) {
        batch[0]!.resolve(await batch[0]!.query);
        return;
      }
      const fieldsOf = batch.map(({ query }) =>
        Object.entries(query._.selectedFields).map(([name, field]) => ({ name, decode: decoderOf(field) })),
      );
      const columns = fieldsOf.map((fields, i) => {
        const names = sql.join(
          fields.map((_, c) => sql.identifier(`c${c}`)),
          sql`, `,
        );
        return sql`(select coalesce(json_agg(q), '[]'::json) from (${batch[i]!.query}) as q(${names})) as ${sql.identifier(`r${i}`)}`;
      });
      const result = await this.#db.execute(sql`select ${sql.join(columns, sql`, `)}`);
      const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
        string,
        Record<string, unknown>[]
      >[];
      batch.forEach(({ resolve }, i) => {
        const fields = fieldsOf[i]!;
        resolve(
          row![`r${i}`]!.map((json) =>
            Object.fromEntries(
              fields.map(({ name, decode }, c) => {
                const value = json[`c${c}`];
                return [name, value === null || value === undefined ? null : decode(value)];
              }),
            ),
          ),
        );
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
}
