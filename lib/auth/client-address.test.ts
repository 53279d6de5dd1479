import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { loginAttempts } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { installClientAddress } from "./client-address";
import { verifyCredentials } from "./credentials";
import { clientIp } from "./ip";
import { ipKey } from "./throttle";

const db = setupTestDatabase();
const clearLocalLock = () =>
  db()
    .delete(loginAttempts)
    .where(eq(loginAttempts.key, ipKey("127.0.0.1")));

/**
 * A real Node HTTP server (as `next start` runs) with the startup hook installed: every request
 * runs the sign-in check with the address the app derives, as the Auth.js authorize() does.
 */
let server: http.Server;
let base: string;

beforeAll(async () => {
  installClientAddress({});
  server = http.createServer((request, response) => {
    const headers = new Headers(request.headers as Record<string, string>);
    const ip = clientIp(headers);
    const email = request.url?.includes("email=") ? decodeURIComponent(request.url.split("email=")[1]!) : null;
    const answer = async () => (email ? await verifyCredentials({ email, password: "wrong", ip }) : { ip });
    answer().then(
      (body) => response.end(JSON.stringify({ ip, body })),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const get = async (path: string, headers: Record<string, string>) =>
  (await (await fetch(`${base}${path}`, { headers })).json()) as {
    ip: string;
    body: { ok?: boolean; reason?: string };
  };

describe("X-Forwarded-For spoofing (no trusted proxy configured)", () => {
  it("a forged X-Forwarded-For or client-ip header cannot forge the audited address", async () => {
    const seen = await Promise.all(
      ["203.0.113.1", "203.0.113.2, 10.0.0.1", "not-an-ip"].map((spoof) =>
        get("/", { "x-forwarded-for": spoof, "x-real-ip": spoof, "x-planpath-client-ip": "198.51.100.9" }),
      ),
    );
    expect(seen.map((s) => s.ip)).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });

  it("rotating X-Forwarded-For does not escape the per-IP sign-in lock", async () => {
    process.env.SIGNIN_MAX_FAILURES_PER_IP = "3";
    await clearLocalLock();
    try {
      const results = [];
      for (let i = 0; i < 5; i++) {
        // A different unknown e-mail each time, so only the IP counter can lock.
        const email = `nobody-${randomUUID()}@spoof.example`;
        results.push(await get(`/?email=${encodeURIComponent(email)}`, { "x-forwarded-for": `198.51.100.${i + 1}` }));
      }
      expect(results.map((r) => r.body.reason)).toEqual(["invalid", "invalid", "locked", "locked", "locked"]);
    } finally {
      delete process.env.SIGNIN_MAX_FAILURES_PER_IP;
      await clearLocalLock();
    }
  });
});
