/**
 * The benchmark's arithmetic (`npm run bench`, db/bench/run.ts), pure so it is tested on its own
 * (db/bench/stats.test.ts): percentiles, the floor and size ratios of issue 15 and the targets they are
 * held to. Every ratio compares figures measured in the same run, so the noise of a shared machine
 * falls on both sides of it.
 */

/** Issue 15's targets. */
export const TARGETS = {
  /** Each page's p95 ÷ the signed-in floor route's p95, in the same run. */
  floorRatio: 1.5,
  /** Each page's p95 at the larger size ÷ its p95 at the smaller size, in the same run. */
  sizeRatio: 1.3,
  /** SQL statements sent for one render (each query, `begin` and `commit`). */
  statementsPerRender: 10,
} as const;

/** The p-th percentile (0 < p ≤ 100) by the nearest-rank method: always one of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  if (!(p > 0 && p <= 100)) throw new Error("p must be in (0, 100]");
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  };
}

/** a ÷ b rounded to two decimals. */
export function ratio(a: number, b: number): number {
  if (!(b > 0)) throw new Error("ratio over a non-positive figure");
  return Math.round((a / b) * 100) / 100;
}

/** One measured page: a persona (by kind, the same in every size) on a route (ids replaced by `[id]`). */
export interface PageResult {
  students: number;
  persona: string;
  route: string;
  /** Milliseconds per request, in the order measured. */
  times: number[];
  /** SQL statements per request, in the order measured. */
  statements: number[];
  /** Gzipped bytes of the JavaScript the page's HTML loads, or null when not measured. */
  firstLoadJs: number | null;
}

export interface PageRow {
  students: number;
  persona: string;
  route: string;
  latency: Summary;
  statements: { min: number; max: number };
  firstLoadJs: number | null;
  floorRatio: number;
  floorRatioP50: number;
  sizeRatio: number | null;
  misses: string[];
}

/** The signed-in floor route (a trivial page in the same build, requested by every persona). */
export const FLOOR_ROUTE = "/settings";

/** Replaces uuids in a path by `[id]`, so the same route compares across personas and sizes. */
export function routeOf(path: string): string {
  return path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "[id]");
}

/**
 * Rows for every page with its ratios and the targets it misses. The floor of a size is the p50/p95 of
 * all its floor-route samples together (every persona's); the size ratio compares a page with the same
 * persona and route at the smallest size measured.
 */
export function evaluate(results: readonly PageResult[]): PageRow[] {
  const sizes = [...new Set(results.map((r) => r.students))].sort((a, b) => a - b);
  const floors = new Map<number, Summary>();
  for (const size of sizes) {
    const samples = results.filter((r) => r.students === size && r.route === FLOOR_ROUTE).flatMap((r) => r.times);
    if (samples.length === 0) throw new Error(`no floor-route samples at ${size} students`);
    floors.set(size, summarize(samples));
  }
  const smallest = sizes[0]!;
  const base = new Map(
    results.filter((r) => r.students === smallest).map((r) => [`${r.persona} ${r.route}`, summarize(r.times)]),
  );
  return results.map((r) => {
    const latency = summarize(r.times);
    const floor = floors.get(r.students)!;
    const floorRatio = ratio(latency.p95, floor.p95);
    const small = r.students === smallest ? undefined : base.get(`${r.persona} ${r.route}`);
    const sizeRatio = small ? ratio(latency.p95, small.p95) : null;
    const statements = { min: Math.min(...r.statements), max: Math.max(...r.statements) };
    const misses: string[] = [];
    if (r.route !== FLOOR_ROUTE && floorRatio > TARGETS.floorRatio) misses.push(`floor ratio ${floorRatio}`);
    if (sizeRatio !== null && sizeRatio > TARGETS.sizeRatio) misses.push(`size ratio ${sizeRatio}`);
    if (statements.max > TARGETS.statementsPerRender) misses.push(`${statements.max} statements`);
    return {
      students: r.students,
      persona: r.persona,
      route: r.route,
      latency,
      statements,
      firstLoadJs: r.firstLoadJs,
      floorRatio,
      floorRatioP50: ratio(latency.p50, floor.p50),
      sizeRatio,
      misses,
    };
  });
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const kb = (bytes: number | null) => (bytes === null ? "–" : (bytes / 1024).toFixed(0));

/** The Markdown table `npm run bench` prints and writes (one row per persona and page). */
export function markdownTable(rows: readonly PageRow[]): string {
  const header = [
    "| students | persona | page | n | p50 ms | p95 ms | p99 ms | p95 ÷ floor | p50 ÷ floor | size ratio | statements | first-load JS kB (gzip) | misses |",
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.students} | ${r.persona} | \`${r.route}\` | ${r.latency.n} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${r.floorRatio.toFixed(2)} | ${r.floorRatioP50.toFixed(2)} | ${r.sizeRatio === null ? "–" : r.sizeRatio.toFixed(2)} | ${r.statements.min === r.statements.max ? r.statements.min : `${r.statements.min}–${r.statements.max}`} | ${kb(r.firstLoadJs)} | ${r.misses.join("; ") || "–"} |`,
  );
  return [...header, ...lines].join("\n");
}

// ── Load (`npm run bench -- --load`) ─────────────────────────────────────────────────────────────

/** One answered request of the load run. */
export interface LoadSample {
  persona: string;
  route: string;
  ms: number;
  status: number;
}

export interface LoadRow {
  persona: string;
  route: string;
  latency: Summary & { max: number };
  /** Answers other than 200 (an action that returned an error counts in LoadTotals.actionFailures). */
  non200: number;
}

/** Latency per persona and route, in the order first answered. */
export function loadRows(samples: readonly LoadSample[]): LoadRow[] {
  const groups = new Map<string, LoadSample[]>();
  for (const s of samples) {
    const key = `${s.persona}\u0000${s.route}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const times = group.map((s) => s.ms);
    return {
      persona: group[0]!.persona,
      route: group[0]!.route,
      latency: { ...summarize(times), max: Math.max(...times) },
      non200: group.filter((s) => s.status !== 200).length,
    };
  });
}

/** What autocannon counted over the whole run, plus the actions' own results and the database check. */
export interface LoadTotals {
  requests: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Actions answered without `ok: true` (a refused or failed write). */
  actionFailures: number;
  /** Rows the actions reported written but the database does not hold (or the reverse). */
  missingWrites: number;
}

/** Issue 15's bar for the mixed load: every request answered, all 2xx, every write done. Empty = met. */
export function loadFailures(t: LoadTotals): string[] {
  const failures: string[] = [];
  if (t.requests === 0) failures.push("no request was answered");
  if (t.errors > 0) failures.push(`${t.errors} errors (${t.timeouts} timeouts)`);
  else if (t.timeouts > 0) failures.push(`${t.timeouts} timeouts`);
  if (t.non2xx > 0) failures.push(`${t.non2xx} non-2xx answers`);
  if (t.actionFailures > 0) failures.push(`${t.actionFailures} actions failed`);
  if (t.missingWrites !== 0) failures.push(`${t.missingWrites} writes missing from the database`);
  return failures;
}

/** The Markdown table of the load run (one row per persona and route). */
export function loadTable(rows: readonly LoadRow[]): string {
  const header = [
    "| persona | route | requests | p50 ms | p95 ms | p99 ms | max ms | not 200 |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.persona} | \`${r.route}\` | ${r.latency.n} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.non200} |`,
  );
  return [...header, ...lines].join("\n");
}
