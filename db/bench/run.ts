import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";
import { format, resolveConfig } from "prettier";
import { DEMO_PASSWORD } from "../seed/personas";
import {
  ACTIONS_PAGE,
  actionIds,
  actionOutcome,
  actionRequest,
  freshAcknowledgments,
  freshLogs,
  interleave,
  writtenSince,
  type AcknowledgeTarget,
  type LogTarget,
} from "./actions";
import {
  evaluate,
  FLOOR_ROUTE,
  loadFailures,
  loadRows,
  loadTable,
  markdownTable,
  routeOf,
  TARGETS,
  type LoadSample,
  type LoadTotals,
  type PageResult,
  type PageRow,
} from "./stats";

/**
 * `npm run bench` (issue 15; README "Benchmark"): the production build (`next start`) against a
 * generated district on PostgreSQL, measured page by page.
 *
 * For each size (`--students`, and `--compare` for a second one measured in the same run) it uses the
 * database named by `--database-url` with `{students}` replaced (generating it with `npm run bench:seed`
 * when it holds no district yet), grants the app role (`--app-role`) its rights as a migration does and
 * starts one server per size on it, connected as that role. Each persona — the district admin, a
 * principal, the case managers with the largest and the smallest caseload, the teacher with the most
 * students, the provider named in the most services, a parent of a child with an IEP — signs in through
 * Auth.js (`/api/auth/callback/credentials`), finds its main pages in the portal navigation plus one
 * student page and one plan page it links to, and requests every page `--rounds` times. Requests go one at
 * a time, round-robin over every page of every size, so the load the machine's other users add falls on
 * all pages alike and the ratios compare figures measured in this run.
 *
 * Per page it prints p50/p95/p99, p95 ÷ the floor route's p95 (`/settings`, every persona's samples),
 * p95 ÷ p95 at the smaller size, the SQL statements of each render (the server counts them into a file
 * when `PLANPATH_QUERY_COUNT_FILE` is set: db/query-count.ts) and the gzipped first-load JavaScript of
 * the page's HTML. It writes `bench-latest.json` and `bench-latest.md` into `--out` (e2e/perf) and, with
 * `--strict`, exits 1 when a page misses a target (stats.ts TARGETS). A script, not a test.
 */
const { values } = parseArgs({
  options: {
    students: { type: "string", default: process.env.BENCH_STUDENTS ?? "5000" },
    compare: { type: "string" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/planpath_bench_{students}",
    },
    "app-role": { type: "string", default: process.env.BENCH_APP_ROLE },
    rounds: { type: "string", default: "10" },
    seed: { type: "string", default: "42" },
    today: { type: "string" },
    port: { type: "string", default: "3235" },
    "no-build": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    out: { type: "string", default: "e2e/perf" },
    load: { type: "boolean", default: false },
    connections: { type: "string", default: "200" },
    duration: { type: "string", default: "60" },
    timeout: { type: "string", default: "60" },
    pool: { type: "string" },
    instances: { type: "string", default: "1" },
  },
});

const sizes = [Number(values.students), ...(values.compare ? [Number(values.compare)] : [])].sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n < 100))
  throw new Error("--students and --compare take whole numbers ≥ 100");
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a positive whole number");
const basePort = Number(values.port);
const load = {
  instances: Number(values.instances),
  connections: Number(values.connections),
  duration: Number(values.duration),
  timeout: Number(values.timeout),
};
if (Object.values(load).some((n) => !Number.isInteger(n) || n < 1))
  throw new Error("--instances, --connections, --duration and --timeout take positive whole numbers");
if (values.pool !== undefined && !(Number.isInteger(Number(values.pool)) && Number(values.pool) > 0))
  throw new Error("--pool takes a positive whole number");
const urlFor = (students: number) => values["database-url"].replaceAll("{students}", String(students));
const withUser = (url: string, user: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = "";
  return u.toString();
};
const REQUEST_TIMEOUT_MS = 180_000;
/** One secret for every server of the run, so a session cookie is good on each instance (`--instances`). */
const authSecret = process.env.AUTH_SECRET ?? `bench-${process.pid}-${Date.now()}-secret-not-for-production`;

function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** Creates the database when missing, generates the district when empty; returns its "today". */
async function prepare(students: number): Promise<string> {
  const url = urlFor(students);
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(Object.assign(new URL(url), { pathname: "/postgres" }).toString(), {
    max: 1,
    onnotice: () => {},
  });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  let today: string | undefined;
  try {
    const [table] = await owner`select to_regclass('public.districts') as t`;
    if (table?.t) {
      // The generator dates the district 400 days before its "today" (db/bench/generate.ts).
      const rows = await owner`select to_char((created_at at time zone 'UTC')::date + 400, 'YYYY-MM-DD') as today
        from districts where slug like 'bench-%' limit 1`;
      today = rows[0]?.today as string | undefined;
    }
  } finally {
    await owner.end({ timeout: 5 });
  }
  if (!today) {
    today = values.today ?? (process.env.PLANPATH_NOW ?? new Date().toISOString()).slice(0, 10);
    console.log(`\n${students} students: generating the district into ${name}`);
    await run("npx", [
      "tsx",
      "db/bench/seed.ts",
      "--students",
      String(students),
      "--seed",
      values.seed,
      "--today",
      today,
      "--database-url",
      url,
    ]);
  }
  if (values["app-role"])
    await run("npx", ["tsx", "db/migrate.ts"], {
      DATABASE_URL: withUser(url, values["app-role"]),
      DATABASE_MIGRATION_URL: url,
    });
  return today;
}

/** Writes a result file as the repository's formatter would (`prettier --check .` runs in CI). */
async function writeJson(file: string, value: unknown): Promise<void> {
  const options = await resolveConfig(file);
  writeFileSync(file, await format(JSON.stringify(value), { ...options, filepath: file }));
}

interface Persona {
  kind: string;
  email: string;
  note: string;
}

/** The benchmark's personas in a generated district (the same kinds at every size). */
async function personasOf(url: string, today: string): Promise<Persona[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const pick = async (kind: string, query: Promise<postgres.Row[]>, note: (r: postgres.Row) => string) => {
      const [row] = await query;
      if (!row) throw new Error(`no ${kind} in the generated district`);
      return { kind, email: row.email as string, note: note(row) };
    };
    const caseloads = (order: "asc" | "desc") => sql`select u.email, count(*)::int as n
      from caseloads c join users u on u.id = c.case_manager_id
      where c.starts_on <= ${today} and (c.ends_on is null or c.ends_on >= ${today})
      group by u.email order by n ${sql.unsafe(order)}, u.email limit 1`;
    return [
      await pick(
        "district admin",
        sql`select email from users where role = 'district_admin' order by email limit 1`,
        () => "",
      ),
      await pick(
        "principal",
        sql`select u.email, count(st.id)::int as n from users u join staff_assignments a on a.user_id = u.id and a.role = 'principal'
          join students st on st.school_id = a.school_id where u.role = 'principal' group by u.email order by n desc, u.email limit 1`,
        (r) => `${r.n} students`,
      ),
      await pick("case manager, largest caseload", caseloads("desc"), (r) => `caseload ${r.n}`),
      await pick("case manager, smallest caseload", caseloads("asc"), (r) => `caseload ${r.n}`),
      await pick(
        "teacher",
        sql`select u.email, count(distinct e.student_id)::int as n from section_teachers t join users u on u.id = t.user_id
          join section_enrollments e on e.section_id = t.section_id and e.starts_on <= ${today} and (e.ends_on is null or e.ends_on >= ${today})
          where u.role = 'teacher' group by u.email order by n desc, u.email limit 1`,
        (r) => `${r.n} students`,
      ),
      await pick(
        "provider",
        sql`select u.email, count(*)::int as n from plan_services s join plan_versions v on v.id = s.version_id and v.status = 'active'
          join users u on u.id = s.provider_user_id where u.role = 'provider' group by u.email order by n desc, u.email limit 1`,
        (r) => `${r.n} services`,
      ),
      await pick(
        "parent",
        sql`select u.email from guardianships g join users u on u.id = g.guardian_user_id
          join plan_versions v on v.student_id = g.student_id and v.status = 'active' and v.plan_type = 'iep'
          where u.role = 'parent' order by u.email limit 1`,
        () => "child with an IEP in force",
      ),
    ];
  } finally {
    await sql.end({ timeout: 5 });
  }
}

interface Server {
  students: number;
  base: string;
  /** The statement-count file (db/query-count.ts); null under `--load`, which runs the server as deployed. */
  counter: string | null;
  child: ChildProcess;
}

async function startServer(students: number, today: string, port: number): Promise<Server> {
  const url = urlFor(students);
  const counter = values.load ? null : path.join(tmpdir(), `planpath-bench-${process.pid}-${students}.count`);
  if (counter) writeFileSync(counter, "");
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: values["app-role"] ? withUser(url, values["app-role"]) : url,
      DATABASE_MIGRATION_URL: undefined,
      ...(values.pool ? { DATABASE_POOL_MAX: values.pool } : {}),
      PLANPATH_NOW: `${today}T15:00:00Z`,
      PLANPATH_QUERY_COUNT_FILE: counter ?? undefined,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      JOBS: "off",
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server for ${students} students exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { students, base, counter, child };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the server for ${students} students did not answer /api/health within 2 minutes`);
}

function stopServer(server: Server) {
  try {
    if (server.child.pid) process.kill(-server.child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  if (server.counter) rmSync(server.counter, { force: true });
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));

/** Real Auth.js credentials sign-in: CSRF token, then the credentials callback; returns the cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${base}/` }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${response.status} ${response.headers.get("location")})`);
  return session;
}

async function get(
  base: string,
  pathname: string,
  cookie: string,
): Promise<{ status: number; html: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${pathname}`, {
    redirect: "manual",
    headers: { cookie },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const html = await response.text();
  return { status: response.status, html, ms: performance.now() - started };
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The persona's main pages: its navigation, one student page and one plan page it links to. */
async function pagesOf(base: string, cookie: string): Promise<string[]> {
  const home = await get(base, "/", cookie);
  if (home.status !== 200) throw new Error(`/ answered ${home.status}`);
  const header = /<header[\s\S]*?<\/header>/.exec(home.html)?.[0] ?? "";
  const nav = [...header.matchAll(/href="(\/[^"#?]*)"/g)].map((m) => m[1]!);
  const pages = [...new Set(["/", ...nav, FLOOR_ROUTE])];
  const student = new RegExp(`href="(/students/${UUID})"`).exec(home.html)?.[1];
  if (student) pages.push(student);
  let plan = new RegExp(`href="(/plans/${UUID})"`).exec(home.html)?.[1];
  if (!plan && student) plan = new RegExp(`href="(/plans/${UUID})"`).exec((await get(base, student, cookie)).html)?.[1];
  if (plan) pages.push(plan);
  return pages;
}

const gzipped = new Map<string, number>();
/** Gzipped bytes of the scripts a page's HTML loads from the build (`/_next/static/…`). */
function firstLoadJs(html: string): number | null {
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="\/_next\/static\/([^"?]+)"/g)].map((m) => m[1]!))];
  if (sources.length === 0) return null;
  let total = 0;
  for (const source of sources) {
    if (!gzipped.has(source)) {
      const file = path.join(".next", "static", source);
      gzipped.set(source, existsSync(file) ? gzipSync(readFileSync(file)).length : 0);
    }
    total += gzipped.get(source)!;
  }
  return total;
}

const statementsSoFar = (server: Server) => (server.counter ? statSync(server.counter).size : 0);

interface Sent {
  status: number;
  html: string;
  ms: number;
}

/** A server action called as the browser calls it (db/bench/actions.ts). */
async function post(base: string, request: ReturnType<typeof actionRequest>): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(`${base}${request.path}`, {
    method: "POST",
    redirect: "manual",
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const html = await response.text();
  return { status: response.status, html, ms: performance.now() - started };
}

/** Signs each e-mail in once on a server and keeps its session cookie. */
function cookieJar(server: Server) {
  const jar = new Map<string, Promise<string>>();
  return (email: string) => {
    if (!jar.has(email)) jar.set(email, signIn(server.base, email));
    return jar.get(email)!;
  };
}

const owner = (students: number) => postgres(urlFor(students), { max: 1, onnotice: () => {} });
const databaseNow = async (sql: postgres.Sql) => (await sql`select now() as now`)[0]!.now as Date;
const LOG_INPUT = (t: LogTarget) => ({
  accommodationId: t.accommodationId,
  sectionId: t.sectionId,
  date: t.date,
  status: "provided",
  reason: "",
  note: "",
});
const ACKNOWLEDGE_ROUTE = `POST ${ACTIONS_PAGE}: acknowledge`;
const LOG_ROUTE = `POST ${ACTIONS_PAGE}: log implementation`;

/** Verifies in the database that the actions wrote the rows they answered for (throws when not). */
async function verifyWrites(
  students: number,
  emails: readonly string[],
  since: Date,
  expected: { acknowledgments: number; logs: number },
) {
  const sql = owner(students);
  try {
    const found = await writtenSince(sql, emails, since);
    const line = `${students} students: the database holds ${found.acknowledgments} new acknowledgments and ${found.logs} new implementation logs (the actions answered ok for ${expected.acknowledgments} and ${expected.logs})`;
    console.log(line);
    return { ...found, match: found.acknowledgments === expected.acknowledgments && found.logs === expected.logs };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** CPU seconds (user + system) used so far by the processes matching `pick` (/proc, Linux only). */
function cpuSeconds(pick: (stat: string[], cmdline: string) => boolean): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" "); // fields[0] is the state (field 3)
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (pick(fields, cmdline)) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended
    }
  }
  return ticks / 100; // USER_HZ
}

// ── Run ──────────────────────────────────────────────────────────────────────────────────────────
const startedAt = new Date();
const commit = await new Promise<string>((resolve) => {
  const child = spawn("git", ["rev-parse", "--short", "HEAD"]);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.on("exit", () => resolve(out.trim()));
});
const todays = new Map<number, string>();
for (const students of sizes) todays.set(students, await prepare(students));
if (!values["no-build"]) await run("npm", ["run", "build"]);
else if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run without --no-build");
const ids = actionIds();

const servers: Server[] = [];
const cleanup = () => servers.forEach(stopServer);
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});
try {
  if (values.load) await loadRun();
  else await benchPages();
} finally {
  cleanup();
}

/** The page-and-action benchmark: one request at a time, round-robin, `--rounds` samples each. */
async function benchPages() {
  interface Item {
    server: Server;
    persona: Persona;
    label: string;
    send: () => Promise<Sent>;
    result: PageResult;
  }
  const items: Item[] = [];
  const personaNotes: Record<string, Record<string, string>> = {};
  const writes: Array<{
    students: number;
    emails: string[];
    since: Date;
    expected: Record<"acknowledgments" | "logs", number>;
  }> = [];
  for (const [i, students] of sizes.entries()) {
    const today = todays.get(students)!;
    const server = await startServer(students, today, basePort + i);
    servers.push(server);
    const cookieFor = cookieJar(server);
    const personas = await personasOf(urlFor(students), today);
    personaNotes[students] = Object.fromEntries(personas.map((p) => [p.kind, `${p.email} ${p.note}`.trim()]));
    const add = async (persona: Persona, label: string, send: () => Promise<Sent>, firstLoad: boolean) => {
      // Warm-up: the first render of a route in a fresh process loads its code.
      const warm = await send();
      items.push({
        server,
        persona,
        label,
        send,
        result: {
          students,
          persona: persona.kind,
          route: routeOf(label),
          times: [],
          statements: [],
          firstLoadJs: firstLoad ? firstLoadJs(warm.html) : null,
        },
      });
    };
    for (const persona of personas) {
      const cookie = await cookieFor(persona.email);
      for (const pathname of await pagesOf(server.base, cookie))
        await add(
          persona,
          pathname,
          async () => {
            const response = await get(server.base, pathname, cookie);
            if (response.status !== 200) throw new Error(`${persona.kind} ${pathname} answered ${response.status}`);
            return response;
          },
          true,
        );
    }

    // The teacher's two actions, each request on a fresh target (warm-up included): the benchmark's
    // teacher logs; acknowledgments come from the teachers with versions still to acknowledge, the
    // benchmark's teacher first.
    const teacher = personas.find((p) => p.kind === "teacher")!;
    const sql = owner(students);
    const needed = rounds + 1;
    const [acknowledge, log, since] = await Promise.all([
      freshAcknowledgments(sql, today).then((all) =>
        [...all.filter((t) => t.email === teacher.email), ...all.filter((t) => t.email !== teacher.email)].slice(
          0,
          needed,
        ),
      ),
      freshLogs(sql, [teacher.email], today).then((all) => all.slice(0, needed)),
      databaseNow(sql),
    ]).finally(() => sql.end({ timeout: 5 }));
    if (acknowledge.length < needed || log.length < needed)
      throw new Error(
        `${students} students: ${acknowledge.length} versions left to acknowledge and ${log.length} entries left to log, ${needed} needed (each run uses them up: regenerate the district with bench:seed --reset)`,
      );
    // Whose rows to count afterwards: read now, before the requests use the targets up.
    const emails = [...new Set([teacher.email, ...acknowledge.map((t) => t.email)])];
    const written = { acknowledgments: 0, logs: 0 };
    const action =
      <T extends { email: string }>(
        route: string,
        id: string,
        targets: T[],
        input: (t: T) => Record<string, string>,
        count: keyof typeof written,
      ) =>
      async () => {
        const target = targets.shift()!;
        const response = await post(
          server.base,
          actionRequest(id, await cookieFor(target.email), input(target), server.base),
        );
        const outcome = actionOutcome(response.status, response.html);
        if (!outcome.ok) throw new Error(`${route} by ${target.email} failed: ${outcome.why}`);
        written[count]++;
        return response;
      };
    await add(
      teacher,
      ACKNOWLEDGE_ROUTE,
      action(
        ACKNOWLEDGE_ROUTE,
        ids.acknowledgeAction,
        acknowledge,
        (t) => ({ versionId: t.versionId }),
        "acknowledgments",
      ),
      false,
    );
    await add(teacher, LOG_ROUTE, action(LOG_ROUTE, ids.logImplementationAction, log, LOG_INPUT, "logs"), false);
    writes.push({
      students,
      emails,
      since,
      expected: written,
    });
    console.log(
      `${students} students (today ${today}): ${items.filter((x) => x.server === server).length} pages and actions`,
    );
  }
  for (let round = 1; round <= rounds; round++) {
    for (const item of items) {
      const before = statementsSoFar(item.server);
      const response = await item.send();
      await sleep(5);
      item.result.times.push(response.ms);
      item.result.statements.push(statementsSoFar(item.server) - before);
    }
    process.stdout.write(`round ${round}/${rounds}\r`);
  }
  const verified = [];
  for (const w of writes)
    verified.push({ students: w.students, ...(await verifyWrites(w.students, w.emails, w.since, w.expected)) });

  const rows: PageRow[] = evaluate(items.map((x) => x.result));
  const table = markdownTable(rows);
  const misses = rows.filter((r) => r.misses.length > 0);
  const summary = [
    `# npm run bench — ${startedAt.toISOString()}`,
    "",
    `Commit \`${commit}\`; ${sizes.join(" and ")} students; ${rounds} requests per page, one at a time, round-robin over every page` +
      (sizes.length > 1 ? " of both sizes (one server each)" : "") +
      `; targets: p95 ÷ floor (\`${FLOOR_ROUTE}\`) ≤ ${TARGETS.floorRatio}, size ratio ≤ ${TARGETS.sizeRatio}, ≤ ${TARGETS.statementsPerRender} statements per render.`,
    "",
    ...Object.entries(personaNotes).flatMap(([students, notes]) => [
      `Personas at ${students}: ${Object.entries(notes)
        .map(([kind, note]) => `${kind} (${note})`)
        .join("; ")}.`,
      "",
    ]),
    `Actions: each request acknowledges a version not yet acknowledged (the teacher's, then other teachers') or logs an entry not yet logged; written rows checked in the database: ` +
      verified
        .map(
          (v) =>
            `${v.students} students ${v.acknowledgments} acknowledgments and ${v.logs} logs${v.match ? "" : " — **not what the actions answered**"}`,
        )
        .join(", ") +
      ".",
    "",
    table,
    "",
    `${rows.length} pages and actions; ${misses.length} miss a target.`,
  ].join("\n");
  console.log(`\n${summary}`);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(path.join(values.out, "bench-latest.md"), `${summary}\n`);
  await writeJson(path.join(values.out, "bench-latest.json"), {
    startedAt,
    commit,
    sizes,
    rounds,
    targets: TARGETS,
    personas: personaNotes,
    verified,
    rows,
    samples: items.map((x) => x.result),
  });
  if (values.strict && misses.length > 0) process.exitCode = 1;
  const unmatched = verified.filter((v) => !v.match);
  if (unmatched.length > 0) {
    console.error(
      `the actions' writes do not match the database at ${unmatched.map((v) => v.students).join(", ")} students`,
    );
    process.exitCode = 1;
  }
}

/**
 * `--load`: issue 15's mixed workload — `--connections` concurrent users for `--duration` seconds on
 * loopback against one server (the largest `--students` size), every persona on its main pages and
 * teachers acknowledging plans and logging implementation (each connection of those alternates the
 * `/accommodations` page and the action, each action on a fresh target). autocannon keeps every
 * connection busy: a connection sends its next request when the last one is answered, so this is
 * `--connections` users with no think time — far more than that many people clicking. A request
 * unanswered after `--timeout` seconds counts as an error. Passes (exit 0) only with no error, no
 * timeout, no answer other than 2xx, no failed action and every reported write found in the database.
 */
async function loadRun() {
  const students = sizes.at(-1)!;
  const today = todays.get(students)!;
  const instances: Server[] = [];
  for (let i = 0; i < load.instances; i++) instances.push(await startServer(students, today, basePort + i));
  servers.push(...instances);
  const server = instances[0]!;
  // Sessions are signed cookies: signed in on one instance, good on every one (one AUTH_SECRET).
  const cookieFor = cookieJar(server);
  const personas = await personasOf(urlFor(students), today);
  const byKind = new Map(personas.map((p) => [p.kind, p]));
  const teacher = byKind.get("teacher")!;

  // Fresh targets for the actions: versions still to acknowledge by forty teachers (interleaved, so
  // consecutive requests come from different people) and entries of the last four weeks not yet
  // logged by the benchmark's teacher and 19 others.
  const sql = owner(students);
  const [acknowledgeQueue, logQueue, since, pgVersion] = await (async () => {
    const others =
      await sql`select email from users where role = 'teacher' and email <> ${teacher.email} order by email limit 19`;
    return Promise.all([
      // Forty teachers' versions are plenty for a minute (each is signed in before the run).
      freshAcknowledgments(sql, today).then((all) => {
        const chosen = new Set([...new Set(all.map((t) => t.email))].slice(0, 40));
        return interleave(all.filter((t) => chosen.has(t.email)));
      }),
      freshLogs(sql, [teacher.email, ...others.map((r) => r.email as string)], today).then(interleave),
      databaseNow(sql),
      sql`show server_version`.then((r) => r[0]!.server_version as string),
    ]);
  })().finally(() => sql.end({ timeout: 5 }));
  const emails = [...new Set([...acknowledgeQueue, ...logQueue].map((t) => t.email))];
  console.log(
    `${students} students: ${acknowledgeQueue.length} versions to acknowledge, ${logQueue.length} entries to log; signing in ${personas.length} personas and ${emails.length} teachers`,
  );
  for (const email of [...personas.map((p) => p.email), ...emails]) await cookieFor(email);

  // Who is signed in at once, shaped like a district's users (a 5,000-student district has ~300
  // teachers, ~35 case managers, ~30 providers, 10 principals, one or two district admins and the
  // parents): the share of the connections each group holds, rounded, at least one each.
  const mix: Array<{ kind: string; share: number; action?: "acknowledge" | "log" }> = [
    { kind: "teacher", share: 0.4 },
    { kind: "teacher", share: 0.05, action: "acknowledge" },
    { kind: "teacher", share: 0.15, action: "log" },
    { kind: "case manager, largest caseload", share: 0.08 },
    { kind: "case manager, smallest caseload", share: 0.04 },
    { kind: "provider", share: 0.08 },
    { kind: "principal", share: 0.04 },
    { kind: "district admin", share: 0.005 },
    { kind: "parent", share: 0.155 },
  ];
  const samples: LoadSample[] = [];
  const written = { acknowledgments: 0, logs: 0 };
  const failures: string[] = [];
  interface Context {
    started?: number;
    persona?: string;
    route?: string;
    action?: "acknowledge" | "log";
  }
  const stamp = (persona: string, route: string, action?: Context["action"]) => (ctx: Context) => {
    Object.assign(ctx, { started: performance.now(), persona, route, action });
  };
  // Actions sent and not answered yet: those still in flight when the duration ends are cut off by
  // autocannon, but the server may still write them.
  const pending = new Set<Context>();
  const onResponse = (status: number, body: string, ctx: Context) => {
    pending.delete(ctx);
    samples.push({ persona: ctx.persona!, route: ctx.route!, ms: performance.now() - ctx.started!, status });
    if (!ctx.action) return;
    const outcome = actionOutcome(status, body);
    if (outcome.ok) written[ctx.action === "acknowledge" ? "acknowledgments" : "logs"]++;
    else failures.push(`${ctx.route}: ${outcome.why}`);
  };

  // Requests per instance: an action's Origin must be the host it is sent to (Next.js refuses a
  // cross-origin action with a 403).
  // A page group's connections start on different pages (`start`: the list rotated), as people do.
  const groups: Array<{
    label: string;
    connections: number;
    starts: number;
    requests: (origin: string, start: number) => autocannon.Request[];
  }> = [];
  for (const { kind, share, action } of mix) {
    const persona = byKind.get(kind)!;
    const cookie = await cookieFor(persona.email);
    const connections = Math.max(1, Math.round(load.connections * share));
    if (!action) {
      const pages = await pagesOf(server.base, cookie);
      // Warm-up: each page once on each instance, so the first requests of the run do not load code.
      for (const instance of instances)
        for (const pathname of pages) {
          const warm = await get(instance.base, pathname, cookie);
          if (warm.status !== 200) throw new Error(`${kind} ${pathname} answered ${warm.status}`);
        }
      groups.push({
        label: kind,
        connections,
        starts: pages.length,
        requests: (_, start) =>
          [...pages.slice(start), ...pages.slice(0, start)].map((pathname) => ({
            method: "GET",
            path: pathname,
            headers: { cookie },
            setupRequest: (req: autocannon.Request, ctx: Context) => (stamp(kind, routeOf(pathname))(ctx), req),
            onResponse,
          })),
      });
      continue;
    }
    const queue: Array<AcknowledgeTarget | LogTarget> = action === "acknowledge" ? acknowledgeQueue : logQueue;
    const route = action === "acknowledge" ? ACKNOWLEDGE_ROUTE : LOG_ROUTE;
    const cookies = new Map<string, string>();
    for (const email of new Set(queue.map((t) => t.email))) cookies.set(email, await cookieFor(email));
    groups.push({
      label: `${kind}: ${action}`,
      connections,
      starts: 1,
      requests: (origin) => [
        {
          // The page the action is on, as the next target's teacher (or the benchmark's teacher).
          method: "GET",
          path: ACTIONS_PAGE,
          setupRequest: (req: autocannon.Request, ctx: Context) => {
            stamp(kind, ACTIONS_PAGE)(ctx);
            return { ...req, headers: { cookie: cookies.get(queue[0]?.email ?? "") ?? cookie } };
          },
          onResponse,
        },
        {
          method: "POST",
          path: ACTIONS_PAGE,
          // No target left: back to the page (autocannon restarts the list on a falsy answer).
          setupRequest: (req: autocannon.Request, ctx: Context) => {
            const target = queue.shift();
            if (!target) return null as unknown as autocannon.Request;
            stamp(kind, route, action)(ctx);
            pending.add(ctx);
            const input =
              action === "acknowledge"
                ? { versionId: (target as AcknowledgeTarget).versionId }
                : LOG_INPUT(target as LogTarget);
            const request = actionRequest(
              action === "acknowledge" ? ids.acknowledgeAction : ids.logImplementationAction,
              cookies.get(target.email)!,
              input,
              origin,
            );
            return { ...req, headers: request.headers, body: request.body };
          },
          onResponse,
        },
      ],
    });
  }

  const groupIds = new Set(instances.map((i) => i.child.pid));
  const serverCpu = () => cpuSeconds((stat) => groupIds.has(Number(stat[2]))); // field 5: the process group
  const databaseCpu = () =>
    cpuSeconds(
      (_, cmdline) =>
        cmdline.startsWith(`postgres: `) &&
        cmdline.includes(` ${values["app-role"] ?? "postgres"} ${new URL(urlFor(students)).pathname.slice(1)} `),
    );
  const before = { server: serverCpu(), database: databaseCpu(), load: loadavg(), at: performance.now() };
  const connections = groups.reduce((n, g) => n + g.connections, 0);
  console.log(
    `load: ${connections} connections over ${instances.length} server instance(s) for ${load.duration} s, timeout ${load.timeout} s, pool ${values.pool ?? process.env.DATABASE_POOL_MAX ?? "10 (default)"}`,
  );
  // Each group's connections spread over the instances, as a round-robin load balancer would, and
  // over its starting pages.
  const share = (total: number, parts: number, k: number) => Math.floor(total / parts) + (k < total % parts ? 1 : 0);
  const results = await Promise.all(
    groups.flatMap((g) =>
      instances.flatMap((instance, k) => {
        const n = share(g.connections, instances.length, k);
        return Array.from({ length: g.starts }, (_, start) => share(n, g.starts, start)).flatMap((m, start) =>
          m === 0
            ? []
            : [
                autocannon({
                  url: instance.base,
                  connections: m,
                  duration: load.duration,
                  timeout: load.timeout,
                  requests: g.requests(instance.base, start),
                }).then((result) => ({ group: g, result })),
              ],
        );
      }),
    ),
  );
  const elapsed = (performance.now() - before.at) / 1000;
  const after = { server: serverCpu(), database: databaseCpu(), load: loadavg() };

  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, { result }) => n + pick(result), 0);
  const requests = sum((r) => r.requests.total);
  const found = await (async () => {
    const check = owner(students);
    try {
      return await writtenSince(check, emails, since);
    } finally {
      await check.end({ timeout: 5 });
    }
  })();
  const totals: LoadTotals = {
    requests,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    actionFailures: failures.length,
    // Every write answered ok is in the database; besides, at most the actions cut off in flight.
    missingWrites: (["acknowledgments", "logs"] as const).reduce((n, kind) => {
      const cut = [...pending].filter((c) => (c.action === "acknowledge") === (kind === "acknowledgments")).length;
      return n + Math.max(0, written[kind] - found[kind]) + Math.max(0, found[kind] - written[kind] - cut);
    }, 0),
  };
  const verdict = loadFailures(totals);
  const rows = loadRows(samples);
  const cpu = {
    server: after.server - before.server,
    database: after.database - before.database,
  };
  const perGroup = groups.map((group) => {
    const mine = results.filter((r) => r.group === group).map((r) => r.result);
    const add = (pick: (r: autocannon.Result) => number) => mine.reduce((n, r) => n + pick(r), 0);
    return {
      group: group.label,
      connections: group.connections,
      requests: add((r) => r.requests.total),
      "2xx": add((r) => r["2xx"]),
      non2xx: add((r) => r.non2xx),
      errors: add((r) => r.errors),
      timeouts: add((r) => r.timeouts),
    };
  });
  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  const summary = [
    `# npm run bench -- --load — ${startedAt.toISOString()}`,
    "",
    `Commit \`${commit}\`; ${students} students; ${connections} connections over ${instances.length} \`next start\` instance${instances.length > 1 ? "s" : ""} for ${load.duration} s (${fmt(elapsed)} s measured), client timeout ${load.timeout} s, ` +
      `pool ${values.pool ?? process.env.DATABASE_POOL_MAX ?? "10 (default)"}; ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL ${pgVersion}; ` +
      `load average ${before.load.map((n) => fmt(n)).join(" / ")} before, ${after.load.map((n) => fmt(n)).join(" / ")} after.`,
    "",
    `**${requests} requests, ${fmt(requests / elapsed)} requests/s; ${totals.errors} errors, ${totals.timeouts} timeouts, ${totals.non2xx} non-2xx, ${totals.actionFailures} failed actions.** ` +
      `Actions: ${written.acknowledgments} acknowledgments and ${written.logs} implementation logs answered ok; the database holds ${found.acknowledgments} and ${found.logs} new rows (${pending.size} actions were in flight when the run ended). ` +
      `CPU: the server process${instances.length > 1 ? "es" : ""} ${fmt(cpu.server)} s (${fmt((100 * cpu.server) / elapsed, 0)}% of one core, ${fmt((1000 * cpu.server) / Math.max(1, requests))} ms a request), ` +
      `its PostgreSQL connections ${fmt(cpu.database)} s (${fmt((1000 * cpu.database) / Math.max(1, requests))} ms a request).`,
    "",
    verdict.length === 0
      ? "Met: every request answered 2xx, every write found."
      : `**Not met**: ${verdict.join("; ")}.`,
    "",
    "| group | connections | requests | 2xx | non-2xx | errors | timeouts |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...perGroup.map(
      (g) =>
        `| ${g.group} | ${g.connections} | ${g.requests} | ${g["2xx"]} | ${g.non2xx} | ${g.errors} | ${g.timeouts} |`,
    ),
    "",
    loadTable(rows),
    ...(failures.length ? ["", "Failed actions (first 10):", ...failures.slice(0, 10).map((f) => `- ${f}`)] : []),
  ].join("\n");
  console.log(`\n${summary}`);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(path.join(values.out, "load-latest.md"), `${summary}\n`);
  await writeJson(path.join(values.out, "load-latest.json"), {
    startedAt,
    commit,
    students,
    connections,
    instances: instances.length,
    duration: load.duration,
    elapsed,
    timeout: load.timeout,
    pool: values.pool ?? process.env.DATABASE_POOL_MAX ?? null,
    loadBefore: before.load,
    loadAfter: after.load,
    cpu,
    totals,
    written,
    found,
    groups: perGroup,
    rows,
  });
  if (verdict.length > 0) process.exitCode = 1;
}
