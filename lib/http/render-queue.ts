import { AppError } from "@/lib/errors";

function intSetting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * A small process-wide queue for CPU-heavy work (PDF rendering): at most `concurrency` tasks run at
 * once, the rest wait in order; one user may have at most `perUser` tasks running or waiting — a
 * further request is refused at once with RATE_LIMITED (429, Retry-After) instead of queueing — so
 * one user's 200 parallel downloads cannot push everyone else's wait past a few renders.
 */
export class RenderQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly perUserCount = new Map<string, number>();

  constructor(
    readonly concurrency: number,
    readonly perUser: number,
    readonly retryAfterSeconds = 5,
  ) {}

  /** How many tasks the user has running or waiting. */
  pendingFor(userId: string): number {
    return this.perUserCount.get(userId) ?? 0;
  }

  async run<T>(userId: string, task: () => Promise<T>): Promise<T> {
    const pending = this.pendingFor(userId);
    if (pending >= this.perUser) {
      throw new AppError("RATE_LIMITED", "errors.tooManyDownloads", {
        details: { retryAfterSeconds: this.retryAfterSeconds },
      });
    }
    this.perUserCount.set(userId, pending + 1);
    try {
      if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running++;
      try {
        return await task();
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.running--;
      }
    } finally {
      const left = this.pendingFor(userId) - 1;
      if (left > 0) this.perUserCount.set(userId, left);
      else this.perUserCount.delete(userId);
    }
  }
}

const globalForQueue = globalThis as unknown as { __planpathPdfQueue?: RenderQueue };

/** The PDF queue of this process: PDF_CONCURRENCY renders at once (default 2), PDF_PER_USER per user (default 2). */
export function pdfQueue(): RenderQueue {
  globalForQueue.__planpathPdfQueue ??= new RenderQueue(
    intSetting("PDF_CONCURRENCY", 2),
    intSetting("PDF_PER_USER", 2),
  );
  return globalForQueue.__planpathPdfQueue;
}

/** Wraps a PDF route handler so that it runs through `queue` (default {@link pdfQueue}) as its viewer. */
export function queuedPdf<V extends { userId: string }, A extends unknown[], R>(
  handler: (viewer: V, ...rest: A) => Promise<R>,
  queue: () => RenderQueue = pdfQueue,
) {
  return (viewer: V, ...rest: A): Promise<R> => queue().run(viewer.userId, () => handler(viewer, ...rest));
}
