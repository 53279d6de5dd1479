import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import type { Viewer } from "@/lib/dal/viewer";
import { queuedPdf, RenderQueue } from "./render-queue";
import { runForViewer } from "./respond";

setupTestDatabase();
let world: World;
let heavy: Viewer;
let other: Viewer;

beforeAll(async () => {
  world = await createWorld();
  heavy = await viewerFor(world.users.teacher);
  other = await viewerFor(world.users.caseManager);
});

/** A render that finishes only when the test says so (no timing involved). */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("PDF rendering: bounded concurrency and a per-user limit", () => {
  it("a user over the limit gets 429 with Retry-After; another user still gets a PDF", async () => {
    const queue = new RenderQueue(2, 2, 7);
    const gates = new Map<string, ReturnType<typeof gate>>();
    let started = 0;
    const route = queuedPdf(
      async (viewer: Viewer, request: Request) => {
        started++;
        const g = gates.get(new URL(request.url).searchParams.get("n")!);
        if (g) await g.opened;
        return new Response(`pdf for ${viewer.userId}`, { headers: { "Content-Type": "application/pdf" } });
      },
      () => queue,
    );
    const get = (viewer: Viewer, n: string) => {
      gates.set(n, gate());
      return runForViewer(viewer, new Request(`http://planpath.test/pdf?n=${n}`), {}, route);
    };

    const first = get(heavy, "1");
    const second = get(heavy, "2");
    const refused = await Promise.all(Array.from({ length: 10 }, (_, i) => get(heavy, `x${i}`)));
    for (const response of refused) {
      expect(response.status).toBe(429);
      expect(response.headers.get("Retry-After")).toBe("7");
      expect(await response.json()).toEqual({ error: "errors.tooManyDownloads" });
    }
    expect(queue.pendingFor(heavy.userId)).toBe(2);

    const theirs = get(other, "3");
    gates.get("3")!.open();
    gates.get("1")!.open();
    const answer = await theirs;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(`pdf for ${other.userId}`);
    gates.get("2")!.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(started).toBe(3);
    expect(queue.pendingFor(heavy.userId)).toBe(0);
    // Once the earlier downloads are done, the same user is served again.
    gates.set("4", gate());
    gates.get("4")!.open();
    expect((await runForViewer(heavy, new Request("http://planpath.test/pdf?n=4"), {}, route)).status).toBe(200);
  });

  it("never runs more than the concurrency at once; the rest wait their turn in order", async () => {
    const queue = new RenderQueue(2, 1);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    const tasks = gates.map((g, i) =>
      queue.run(`user-${i}`, async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    gates.forEach((g) => g.open());
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
  });
});
