import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import postgres from "postgres";
import { DEMO_PASSWORD } from "../seed/personas";
import { evaluate, FLOOR_ROUTE, markdownTable, routeOf, TARGETS, type PageResult, type PageRow } from "./stats";

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
  },
});

const sizes = [Number(values.students), ...(values.compare ? [Number(values.compare)] : [])].sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n < 100))
  throw new Error("--students and --compare take whole numbers ≥ 100");
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a positive whole number");
const basePort = Number(values.port);
const urlFor = (students: number) => values["database-url"].replaceAll("{students}", String(students));
const withUser = (url: string, user: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = "";
  return u.toString();
};
const REQUEST_TIMEOUT_MS = 180_000;

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
  counter: string;
  child: ChildProcess;
}

async function startServer(students: number, today: string, port: number): Promise<Server> {
  const url = urlFor(students);
  const counter = path.join(tmpdir(), `planpath-bench-${process.pid}-${students}.count`);
  writeFileSync(counter, "");
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: values["app-role"] ? withUser(url, values["app-role"]) : url,
      DATABASE_MIGRATION_URL: undefined,
      PLANPATH_NOW: `${today}T15:00:00Z`,
      PLANPATH_QUERY_COUNT_FILE: counter,
      AUTH_SECRET: process.env.AUTH_SECRET ?? `bench-${process.pid}-${Date.now()}-secret-not-for-production`,
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
  rmSync(server.counter, { force: true });
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

const statementsSoFar = (server: Server) => statSync(server.counter).size;

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

const servers: Server[] = [];
const cleanup = () => servers.forEach(stopServer);
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});
try {
  interface Item {
    server: Server;
    persona: Persona;
    pathname: string;
    cookie: string;
    result: PageResult;
  }
  const items: Item[] = [];
  const personaNotes: Record<string, Record<string, string>> = {};
  for (const [i, students] of sizes.entries()) {
    const server = await startServer(students, todays.get(students)!, basePort + i);
    servers.push(server);
    const personas = await personasOf(urlFor(students), todays.get(students)!);
    personaNotes[students] = Object.fromEntries(personas.map((p) => [p.kind, `${p.email} ${p.note}`.trim()]));
    for (const persona of personas) {
      const cookie = await signIn(server.base, persona.email);
      for (const pathname of await pagesOf(server.base, cookie)) {
        // Warm-up: the first render of a route in a fresh process loads its code.
        const warm = await get(server.base, pathname, cookie);
        if (warm.status !== 200) throw new Error(`${persona.kind} ${pathname} answered ${warm.status}`);
        items.push({
          server,
          persona,
          pathname,
          cookie,
          result: {
            students,
            persona: persona.kind,
            route: routeOf(pathname),
            times: [],
            statements: [],
            firstLoadJs: firstLoadJs(warm.html),
          },
        });
      }
    }
    console.log(
      `${students} students (today ${todays.get(students)}): ${items.filter((x) => x.server === server).length} pages`,
    );
  }
  for (let round = 1; round <= rounds; round++) {
    for (const item of items) {
      const before = statementsSoFar(item.server);
      const response = await get(item.server.base, item.pathname, item.cookie);
      if (response.status !== 200)
        throw new Error(`${item.persona.kind} ${item.pathname} answered ${response.status} in round ${round}`);
      await sleep(5);
      item.result.times.push(response.ms);
      item.result.statements.push(statementsSoFar(item.server) - before);
    }
    process.stdout.write(`round ${round}/${rounds}\r`);
  }
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
    table,
    "",
    `${rows.length} pages; ${misses.length} miss a target.`,
  ].join("\n");
  console.log(`\n${summary}`);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(path.join(values.out, "bench-latest.md"), `${summary}\n`);
  writeFileSync(
    path.join(values.out, "bench-latest.json"),
    `${JSON.stringify({ startedAt, commit, sizes, rounds, targets: TARGETS, personas: personaNotes, rows, samples: items.map((x) => x.result) }, null, 1)}\n`,
  );
  if (values.strict && misses.length > 0) process.exitCode = 1;
} finally {
  cleanup();
}
