import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import { getDb, type Executor } from "@/db/client";

/**
 * Request-scoped reads (issue 15, "SQL statements per page render"): what several loaders of one page
 * read alike — the district's settings, school calendars, a student loaded through the viewer's scope —
 * is read once per request and shared by the loaders of that request, never across requests or viewers.
 *
 * The store of a server render is React's `cache`: Next.js gives every request its own React cache, so
 * a page and every server component it renders share one store, and the next request starts empty.
 * Server actions and route handlers run outside a React render: there `cache` calls through, each call
 * gets a fresh map and nothing is shared (plain loading), unless the code runs inside
 * {@link withRequestScope}. Reads through an open transaction are never cached (a change must read
 * what it locks), and a committed change forgets the request's reads ({@link forgetRequestReads}).
 *
 * Keys name what was read and every input it depends on (district, viewer, local date, id): one request
 * has one viewer, but a key never relies on that.
 */
type Store = Map<string, Promise<unknown>>;

const renderStore = cache((): Store => new Map());
const scope = new AsyncLocalStorage<Store>();

function currentStore(): Store {
  return scope.getStore() ?? renderStore();
}

/** Runs `fn` as one request with its own store of reads (code outside a React render: tests, scripts). */
export function withRequestScope<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), fn);
}

/** Whether reads through `db` may be shared by the request: the app's pool yes, an open transaction no. */
export function shareable(db: Executor): boolean {
  return db === getDb();
}

/** The read named `key`, loaded by the first caller of this request and shared by the next ones. */
export function perRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const store = currentStore();
  let entry = store.get(key) as Promise<T> | undefined;
  if (!entry) {
    // A real promise, run once: a query builder is a thenable that would run again on every `then`.
    entry = (async () => load())();
    store.set(key, entry);
    // A failed read is not kept: the next caller tries again (and sees the error itself).
    entry.catch(() => store.delete(key));
  }
  return entry;
}

/** Stores a value this request already read under `key` (read alongside something else), for later callers. */
export function rememberForRequest<T>(key: string, value: T): void {
  currentStore().set(key, Promise.resolve(value));
}

/**
 * Per-id reads shared by the request: the ids no caller of this request asked for yet are loaded
 * together by one `loadMissing` call (which must answer every id it is given), the others come from
 * the store. Answers a map with every requested id.
 */
export async function perRequestEach<V>(
  prefix: string,
  ids: readonly string[],
  loadMissing: (ids: string[]) => Promise<Map<string, V>>,
): Promise<Map<string, V>> {
  const store = currentStore();
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !store.has(`${prefix}:${id}`));
  if (missing.length > 0) {
    const batch = (async () => loadMissing(missing))();
    for (const id of missing) {
      const key = `${prefix}:${id}`;
      const entry = batch.then((loaded) => loaded.get(id) as V);
      store.set(key, entry);
      entry.catch(() => store.delete(key));
    }
  }
  const values = await Promise.all(unique.map((id) => store.get(`${prefix}:${id}`) as Promise<V>));
  return new Map(unique.map((id, i) => [id, values[i]!]));
}

/** Forgets every read of the current request: called after a change commits, so later reads see it. */
export function forgetRequestReads(): void {
  currentStore().clear();
}
