import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_IDS, storageStateFor } from "./personas";

/**
 * Fuzz-style probes of the production build with requests a browser would never send: each must
 * get a clear 4xx, never a 500. Server action ids are captured from a real form and the request is
 * aborted, so nothing is changed.
 */

/** The `Next-Action` id and headers of the first server action the page sends while `trigger` runs. */
async function captureAction(page: Page, trigger: () => Promise<void>) {
  let captured: Record<string, string> | null = null;
  await page.route("**/*", async (route) => {
    const headers = route.request().headers();
    if (route.request().method() === "POST" && headers["next-action"]) {
      captured = headers;
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await trigger();
  await expect.poll(() => captured).not.toBeNull();
  await page.unroute("**/*");
  return captured! as Record<string, string>;
}

/** Sends a raw POST with a chunked body (no Content-Length) through Node's http client. */
function postChunked(url: string, headers: Record<string, string>, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, "a");
    for (let sent = 0; sent < bytes; sent += chunk.length) request.write(chunk);
    request.end();
  });
}

test.describe("server actions answer bad requests with a 4xx", () => {
  let actionId: string;
  let baseURL: string;

  test.beforeAll(async ({ browser }, info) => {
    baseURL = info.project.use.baseURL!;
    const page = await browser.newPage();
    await page.goto("/sign-in");
    const headers = await captureAction(page, () => page.getByRole("button", { name: "Español" }).click());
    actionId = headers["next-action"]!;
    await page.close();
  });

  const action = (extra: Record<string, string> = {}) => ({
    "next-action": actionId,
    accept: "text/x-component",
    origin: baseURL,
    ...extra,
  });

  test("a body that is not JSON, or not an argument list, is a 400", async ({ request }) => {
    for (const data of ["not json {", '{"locale":"es"}', "", "\u0000\u0001"]) {
      const response = await request.post("/sign-in", {
        headers: action({ "content-type": "text/plain;charset=UTF-8" }),
        data,
      });
      expect(response.status(), JSON.stringify(data)).toBe(400);
    }
  });

  test("a content type React never sends is a 415", async ({ request }) => {
    for (const type of ["application/json", "application/xml", "image/png"]) {
      const response = await request.post("/sign-in", { headers: action({ "content-type": type }), data: "[]" });
      expect(response.status(), type).toBe(415);
    }
  });

  test("a chunked body (small or over 1 MB) is a 411; a declared body over 1 MB is a 413", async ({ request }) => {
    const headers = action({ "content-type": "text/plain;charset=UTF-8" });
    expect(await postChunked(`${baseURL}/sign-in`, headers, 64 * 1024)).toBe(411);
    expect(await postChunked(`${baseURL}/sign-in`, headers, 1_200_000)).toBe(411);
    const large = await request.post("/sign-in", { headers, data: `["${"a".repeat(1_100_000)}"]` });
    expect(large.status()).toBe(413);
  });

  test("a cross-origin action POST is a 403", async ({ request }) => {
    for (const origin of ["http://evil.example", "null", "https://127.0.0.1.evil.example"]) {
      const response = await request.post("/sign-in", {
        headers: action({ origin, "content-type": "text/plain;charset=UTF-8" }),
        data: '["es"]',
      });
      expect(response.status(), origin).toBe(403);
    }
  });

  test("an unknown action id with a well-formed body is not a 500", async ({ request }) => {
    const response = await request.post("/sign-in", {
      headers: action({ "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }),
      data: '["es"]',
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
  });
});

test.describe("dates of year 0000 and impossible dates", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });

  test("a case event dated 0000-01-01 sent straight to the action gets a field message, not a 500", async ({
    page,
  }) => {
    const studentId = DEMO_IDS.student("s05");
    await page.goto(`/students/${studentId}`);
    await page.locator("#event-type").selectOption("records_request_received");
    const headers = await captureAction(page, () => page.getByRole("button", { name: "Record event" }).click());
    for (const date of ["0000-01-01", "2026-02-30"]) {
      const response = await page.request.post(`/students/${studentId}`, {
        headers: {
          "next-action": headers["next-action"]!,
          accept: "text/x-component",
          origin: new URL(page.url()).origin,
          "content-type": "text/plain;charset=UTF-8",
        },
        data: JSON.stringify([{ studentId, type: "records_request_received", date, note: "" }]),
      });
      expect(response.status(), date).toBe(200);
      expect(await response.text()).toContain("validation.caseEvent.date");
    }
  });

  test("pages and exports given a year-0000 date answer without a 500", async ({ page }) => {
    const studentId = DEMO_IDS.student("s05");
    for (const url of [
      `/students/${studentId}/evidence?from=0000-01-01&to=2026-11-30`,
      `/students/${studentId}/evidence/csv?from=0000-01-01&to=0000-02-30`,
      `/coverage/details?state=overdue&teacherId=0000-01-01`,
      `/admin/compliance?year=0`,
    ]) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBeLessThan(500);
    }
  });
});
