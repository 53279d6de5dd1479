// Every Vitest worker: without DATABASE_URL, each test file gets its own in-memory PGlite
// (never the demo's .data directory).
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
process.env.AUTH_SECRET ??= "test-secret-not-for-production-0123456789abcdef";
