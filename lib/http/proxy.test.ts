import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

const get = (url: string, headers: Record<string, string> = {}) =>
  proxy(new NextRequest(new URL(url), { method: "GET", headers }));

describe("proxy: content security policy and public paths", () => {
  beforeEach(() => vi.stubEnv("NODE_ENV", "production"));
  afterEach(() => vi.unstubAllEnvs());

  it("asks browsers to upgrade insecure requests only over HTTPS", async () => {
    const plain = (await get("http://planpath.intranet/sign-in")).headers.get("Content-Security-Policy")!;
    expect(plain).toContain("default-src 'self'");
    expect(plain).not.toContain("upgrade-insecure-requests");
    const secure = (await get("https://planpath.example/sign-in")).headers.get("Content-Security-Policy")!;
    expect(secure).toContain("upgrade-insecure-requests");
    const behindProxy = await get("http://planpath.example/sign-in", { "x-forwarded-proto": "https" });
    expect(behindProxy.headers.get("Content-Security-Policy")).toContain("upgrade-insecure-requests");
    expect(behindProxy.headers.get("Strict-Transport-Security")).toContain("max-age=");
  });

  it("serves the icon without a session, but sends other signed-out page visits to sign in", async () => {
    const icon = await get("http://planpath.intranet/icon.svg");
    expect(icon.headers.get("location")).toBeNull();
    expect(icon.headers.get("x-middleware-next")).toBe("1");
    const page = await get("http://planpath.intranet/students");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://planpath.intranet/sign-in?callbackUrl=%2Fstudents");
  });
});
