import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import autocannon from "autocannon";
import { storageStateFor, type PersonaKey } from "./personas";

/**
 * Issue 15, "Load and crash safety": a mixed workload of signed-in page reads by many concurrent users
 * on loopback — teachers, case managers, principals, the district admin, a provider and parents, each
 * on their own main pages, plus the floor route — must answer every request with a 200: no errors, no
 * timeouts, no 5xx, no redirect to sign-in. The figures (throughput, latency) are printed, not asserted:
 * timing belongs to `npm run bench`, not to a test.
 *
 * Runs in its own Playwright project after the browser specs (playwright.config.ts), so its load does
 * not slow them down. LOAD_CONNECTIONS (default 50) and LOAD_SECONDS (default 20) size it, small enough
 * for CI's 2 cores. The full bar — 200 concurrent users for 60 s, with teachers acknowledging
 * and logging on fresh targets and every write checked in the database — is `npm run bench -- --load`
 * (a script on a generated district: README "Benchmark", figures in e2e/perf/RESULTS.md "Load").
 */
const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
const seconds = Number(process.env.LOAD_SECONDS ?? 20);

/** Each persona's share of the connections and the pages it cycles through. */
const MIX: Array<{ persona: PersonaKey; share: number; paths: string[] }> = [
  { persona: "teacherMaple3", share: 0.2, paths: ["/", "/accommodations"] },
  { persona: "teacherEnglish", share: 0.15, paths: ["/", "/accommodations"] },
  { persona: "caseManagerMaple", share: 0.15, paths: ["/", "/work-queue", "/services", "/progress"] },
  { persona: "principalMaple", share: 0.1, paths: ["/", "/coverage", "/work-queue"] },
  { persona: "admin", share: 0.05, paths: ["/", "/coverage", "/work-queue"] },
  { persona: "provider", share: 0.1, paths: ["/", "/services", "/progress"] },
  { persona: "parentGarcia", share: 0.1, paths: ["/", "/consents"] },
  { persona: "parentJohnson", share: 0.1, paths: ["/"] },
  { persona: "caseManagerHigh", share: 0.05, paths: ["/settings"] },
];

function cookieHeader(persona: PersonaKey): string {
  const state = JSON.parse(readFileSync(storageStateFor(persona), "utf8")) as {
    cookies: Array<{ name: string; value: string }>;
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test("a mixed signed-in workload is served without a single error", async ({ baseURL }) => {
  test.setTimeout((seconds + 60) * 1000);
  const runs = MIX.map(({ persona, share, paths }) => {
    const cookie = cookieHeader(persona);
    return autocannon({
      url: baseURL!,
      connections: Math.max(1, Math.round(connections * share)),
      duration: seconds,
      timeout: 60,
      requests: paths.map((path) => ({ method: "GET" as const, path, headers: { cookie } })),
    }).then((result) => ({ persona, result }));
  });
  const results = await Promise.all(runs);

  const total = (pick: (r: autocannon.Result) => number) => results.reduce((n, { result }) => n + pick(result), 0);
  const requests = total((r) => r.requests.total);
  const rows = results.map(({ persona, result: r }) => ({
    persona,
    connections: r.connections,
    requests: r.requests.total,
    "2xx": r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
  }));
  console.log(`mixed workload: ${connections} connections for ${seconds} s on loopback`);
  console.table(rows);
  console.log(`throughput: ${(requests / seconds).toFixed(1)} requests/s, ${requests} requests in all`);

  expect(requests).toBeGreaterThan(0);
  expect(rows.filter((r) => r.errors > 0 || r.timeouts > 0 || r.non2xx > 0)).toEqual([]);
  expect(total((r) => r["2xx"])).toBeGreaterThan(0);
});
