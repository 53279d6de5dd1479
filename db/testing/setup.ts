// Every Vitest worker: without DATABASE_URL, each test file gets its own in-memory PGlite
// (never the demo's .data directory).
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
process.env.AUTH_SECRET ??= "test-secret-not-for-production-0123456789abcdef";
// Tests never read the real clock: "today" is fixed (lib/time.ts), and CI runs the date-sensitive
// suites again under other dates (a Sunday, a winter break, July, 29 February) by setting PLANPATH_NOW.
process.env.PLANPATH_NOW ??= "2026-11-30T15:00:00Z";
