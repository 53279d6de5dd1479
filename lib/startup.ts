/**
 * What stops the server from starting in this environment, in production only: a missing or short
 * AUTH_SECRET (it signs every session cookie; a missing one would otherwise surface only as a
 * failed sign-in on the first request); and no DATABASE_URL — a production server would quietly
 * keep student records in the embedded demo database — unless PLANPATH_ALLOW_EMBEDDED_DB=true
 * (`npm run demo` sets it).
 */
export function startupProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!env.AUTH_SECRET) problems.push("AUTH_SECRET is not set.");
  else if (env.AUTH_SECRET.length < 32) problems.push("AUTH_SECRET is shorter than 32 characters.");
  if (!env.DATABASE_URL && env.PLANPATH_ALLOW_EMBEDDED_DB !== "true") {
    problems.push(
      "DATABASE_URL is not set (set PLANPATH_ALLOW_EMBEDDED_DB=true to run on the embedded demo database).",
    );
  }
  return problems;
}

/** Exits with a clear message when {@link startupProblems} finds any. */
export function assertStartupConfig(): void {
  const problems = startupProblems(process.env);
  if (problems.length === 0) return;
  console.error(
    `\nPlanPath cannot start: ${problems.join(" ")}\n` +
      "Generate a secret with `openssl rand -base64 32` and set AUTH_SECRET in the environment, and point\n" +
      "DATABASE_URL at PostgreSQL (see .env.example). `npm run demo` generates a secret in .data/auth-secret\n" +
      "and allows the embedded database.\n",
  );
  process.exit(1);
}
