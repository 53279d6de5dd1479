import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

function filesUnder(dir: string, pattern = /\.(ts|tsx)$/): string[] {
  const absolute = path.join(root, dir);
  const out: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current)) {
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (pattern.test(entry)) out.push(path.relative(root, full));
    }
  };
  visit(absolute);
  return out;
}

const source = (file: string) => readFileSync(path.join(root, file), "utf8");
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** Module specifiers imported (statically or dynamically) by a file, resolved to project paths. */
function importsOf(file: string): string[] {
  const text = source(file);
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3])!);
  return specifiers.map((spec) => {
    if (spec.startsWith("@/")) return spec.slice(2);
    if (spec.startsWith(".")) return path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec));
    return spec;
  });
}

function violations(files: string[], forbidden: RegExp[]): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((rule) => rule.test(target)))
      .map((target) => `${file} imports ${target}`),
  );
}

describe("architecture: import rules (ARCHITECTURE.md)", () => {
  it("reads imports (alias, relative, dynamic and side-effect forms)", () => {
    expect(importsOf("app/(portal)/page.tsx")).toEqual(
      expect.arrayContaining(["lib/auth", "lib/dal/schools", "next-intl/server"]),
    );
    expect(importsOf("instrumentation.ts")).toContain("lib/startup");
    expect(importsOf("lib/dal/core.ts")).toEqual(expect.arrayContaining(["server-only", "lib/errors"]));
  });

  it("app/ and components/ never import db/ or lib/policy", () => {
    const files = [...filesUnder("app"), ...filesUnder("components")].filter((f) => !isTest(f));
    expect(violations(files, [/^db(\/|$)/, /^lib\/policy(\/|$)/, /^lib\/audit(\/|$)/])).toEqual([]);
  });

  it("components/ never import lib/dal, lib/auth or the action builder", () => {
    const files = filesUnder("components").filter((f) => !isTest(f));
    expect(violations(files, [/^lib\/dal(\/|$)/, /^lib\/auth(\/|$)/, /^lib\/actions\/define-action/])).toEqual([]);
  });

  it("lib/policy and lib/compliance do no I/O (no database client, no Next.js, no DAL)", () => {
    const files = [...filesUnder("lib/policy"), ...filesUnder("lib/compliance")].filter(
      (f) => !isTest(f) && !f.endsWith("cli.ts"),
    );
    expect(
      violations(files, [
        /^db\/client/,
        /^next(\/|$)/,
        /^lib\/dal(\/|$)/,
        /^lib\/auth(\/|$)/,
        /^postgres$/,
        /^@electric-sql/,
      ]),
    ).toEqual([]);
  });

  it("only lib/dal (and its internal queries) reads tables, apart from auth, jobs, audit, outbox and SQL scopes", () => {
    const allowed = [
      /^lib\/dal\//,
      /^lib\/jobs\//,
      /^lib\/auth\//,
      /^lib\/audit\//,
      /^lib\/notifications\//,
      /^lib\/policy\/scopes\.ts$/,
    ];
    const files = filesUnder("lib").filter((f) => !isTest(f) && !allowed.some((rule) => rule.test(f)));
    expect(violations(files, [/^db\/client$/, /^db\/schema(\/|$)/])).toEqual([]);
  });

  it("lib/dal/internal (queries that take no viewer) is imported only by the DAL, jobs, seeds and test factories", () => {
    const files = [...filesUnder("app"), ...filesUnder("components"), ...filesUnder("lib")].filter(
      (f) => !isTest(f) && !/^lib\/(dal|jobs)\//.test(f),
    );
    expect(violations(files, [/^lib\/dal\/internal(\/|$)/])).toEqual([]);
  });

  it("lib/dal never imports the app, components or the auth session layer (password hashing and throttles are not session)", () => {
    const files = filesUnder("lib/dal").filter((f) => !isTest(f));
    expect(violations(files, [/^app\//, /^components\//, /^lib\/auth(?!\/(password|throttle)$)(\/|$)/])).toEqual([]);
  });
});

describe("architecture: conventions", () => {
  const serverActionFiles = filesUnder("app").filter((f) => /^\s*["']use server["']/m.test(source(f)));

  it("has server actions to check", () => {
    expect(serverActionFiles.length).toBeGreaterThan(0);
  });

  it("every exported server action is built with defineAction", () => {
    const problems: string[] = [];
    for (const file of serverActionFiles) {
      const text = source(file);
      for (const m of text.matchAll(/^export\s+(async\s+function|function|const|let)\s+(\w+)(.*)$/gm)) {
        const [, kind, name, rest] = m;
        if (kind !== "const" || !/^\s*=\s*defineAction\(/.test(rest ?? "")) problems.push(`${file}: ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every portal page starts by calling requireViewer()", () => {
    const pages = filesUnder("app/(portal)").filter((f) => f.endsWith("page.tsx"));
    expect(pages.length).toBeGreaterThan(0);
    const missing = pages.filter((f) => !/const viewer = await requireViewer\(\);/.test(source(f)));
    expect(missing).toEqual([]);
  });

  it("every exported DAL function is documented", () => {
    const undocumented: string[] = [];
    for (const file of filesUnder("lib/dal").filter((f) => !isTest(f))) {
      const text = source(file);
      for (const m of text.matchAll(/^export (?:async )?function (\w+)/gm)) {
        const before = text.slice(0, m.index).trimEnd();
        if (!before.endsWith("*/")) undocumented.push(`${file}: ${m[1]}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("every exported DAL function outside lib/dal/internal takes the viewer first, is unsafe…, or builds a loader", () => {
    const offenders: string[] = [];
    for (const file of filesUnder("lib/dal").filter((f) => !isTest(f) && !f.startsWith("lib/dal/internal/"))) {
      const text = source(file);
      for (const m of text.matchAll(/^export (?:async )?function (\w+)(?:<[^(]*>)?\(\s*([^,)]*)\)?[^{]*/gm)) {
        const [signature, name, firstParameter] = m as unknown as [string, string, string];
        if (/^viewer: Viewer\b/.test(firstParameter) || name.startsWith("unsafe") || /\): Loader</.test(signature))
          continue;
        offenders.push(`${file}: ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no comment or test name promises work for later (TODO, FIXME, "arrives with issue N")', () => {
    const files = ["app", "components", "lib", "db", "e2e"]
      .flatMap((dir) => filesUnder(dir))
      .filter((f) => f !== "lib/architecture.test.ts");
    const stale = files.filter((f) => /\bTODO\b|\bFIXME\b|arrives? with issue \d|\(issue \d+\) add/i.test(source(f)));
    expect(stale).toEqual([]);
  });

  it("DAL modules are server-only (except the deadline store, calendar loaders, document store, no-gap check, the progress-report core and the delivery- and deadline-summary refreshes, which seeds and commands run)", () => {
    const plainNode = [
      "lib/dal/internal/documents.ts",
      "lib/dal/viewer.ts",
      "lib/dal/internal/scope.ts",
      "lib/dal/internal/deadline-store.ts",
      "lib/dal/internal/deadline-summaries.ts",
      "lib/dal/internal/calendars.ts",
      "lib/dal/internal/no-gap.ts",
      "lib/dal/internal/reporting-periods.ts",
      "lib/dal/internal/progress-reports.ts",
      "lib/dal/internal/assignments.ts",
      "lib/dal/internal/coverage.ts",
      "lib/dal/internal/implementation-log.ts",
      "lib/dal/internal/request-cache.ts",
      "lib/dal/internal/settings.ts",
    ];
    const missing = filesUnder("lib/dal")
      .filter((f) => !isTest(f) && !plainNode.includes(f))
      .filter((f) => !/^import "server-only";/m.test(source(f)));
    expect(missing).toEqual([]);
  });
});
