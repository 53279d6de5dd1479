import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { actionIds, actionOutcome, actionRequest, interleave } from "./actions";

// Issue 15, "Benchmark": how `npm run bench` calls the teacher's two server actions over HTTP.
describe("benchmark actions", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "planpath-bench-actions-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = (node: Record<string, unknown>) => {
    mkdirSync(path.join(dir, "server"), { recursive: true });
    writeFileSync(path.join(dir, "server", "server-reference-manifest.json"), JSON.stringify({ node, edge: {} }));
  };
  const entry = (exportedName: string, filename = "app/(portal)/accommodations/actions.ts") => ({
    workers: { "app/(portal)/accommodations/page": { moduleId: 1, async: true } },
    filename,
    exportedName,
  });

  it("finds the action ids in the build's manifest by export name and source file", () => {
    manifest({
      "7f01": entry("acknowledgeAction"),
      "7f02": entry("logImplementationAction"),
      "7f03": entry("logWholeClassAction"),
      "7f04": entry("acknowledgeAction", "app/(portal)/plans/[planId]/actions.ts"),
    });
    expect(actionIds(dir)).toEqual({ acknowledgeAction: "7f01", logImplementationAction: "7f02" });
    manifest({ "7f02": entry("logImplementationAction") });
    expect(() => actionIds(dir)).toThrow(/0 ids for acknowledgeAction/);
  });

  it("posts to the page with the action id, the arguments as a JSON array and the sender's origin", () => {
    const request = actionRequest("7f01", "authjs.session-token=x", { versionId: "v" }, "http://127.0.0.1:3350");
    expect(request).toMatchObject({ method: "POST", path: "/accommodations", body: '[{"versionId":"v"}]' });
    expect(request.headers).toMatchObject({
      "next-action": "7f01",
      cookie: "authjs.session-token=x",
      origin: "http://127.0.0.1:3350",
    });
  });

  it("reads the action's own result from the RSC answer", () => {
    const answer = (result: string) => `0:{"a":"$@1","f":"","b":"build"}\n1:${result}\n`;
    expect(actionOutcome(200, answer('{"ok":true,"data":{"acknowledgedAt":"2026-11-30T15:00:00.000Z"}}'))).toEqual({
      ok: true,
    });
    expect(
      actionOutcome(200, answer('{"ok":false,"code":"CONFLICT","formError":"errors.alreadyAcknowledged"}')),
    ).toEqual({
      ok: false,
      why: "CONFLICT errors.alreadyAcknowledged {}",
    });
    expect(actionOutcome(403, "")).toEqual({ ok: false, why: "HTTP 403" });
    expect(actionOutcome(200, "<html></html>")).toEqual({ ok: false, why: "no action result in the response" });
  });

  it("interleaves targets so consecutive requests come from different teachers", () => {
    const t = (email: string, n: number) => ({ email, n });
    expect(interleave([t("a", 1), t("a", 2), t("a", 3), t("b", 1), t("c", 1), t("c", 2)])).toEqual([
      t("a", 1),
      t("b", 1),
      t("c", 1),
      t("a", 2),
      t("c", 2),
      t("a", 3),
    ]);
  });
});
