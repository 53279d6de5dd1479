import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from "./consents";

describe("paper scan upload limit", () => {
  it("a server action body can carry a scan at the limit (the action answers its own message, not Next's)", () => {
    const config = readFileSync(join(process.cwd(), "next.config.ts"), "utf8");
    const match = /bodySizeLimit:\s*"(\d+)mb"/.exec(config);
    expect(match, "next.config.ts sets serverActions.bodySizeLimit in mb").not.toBeNull();
    const bodyLimit = Number(match![1]) * 1024 * 1024;
    expect(MAX_UPLOAD_BYTES).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    expect(bodyLimit - MAX_UPLOAD_BYTES).toBeGreaterThanOrEqual(256 * 1024);
  });

  it("accepts PDF, PNG and JPEG only", () => {
    expect(UPLOAD_ACCEPT.split(",").sort()).toEqual(["application/pdf", "image/jpeg", "image/png"]);
  });
});
