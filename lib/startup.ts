/**
 * What stops the server from starting in this environment: in production, a missing or short
 * AUTH_SECRET (it signs every session cookie; a missing one would otherwise surface only as a
 * failed sign-in on the first request).
 */
export function startupProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== "production") return [];
  if (!env.AUTH_SECRET) return ["AUTH_SECRET is not set."];
  if (env.AUTH_SECRET.length < 32) return ["AUTH_SECRET is shorter than 32 characters."];
  return [];
}

/** Exits with a clear message when {@link startupProblems} finds any. */
export function assertStartupConfig(): void {
  const problems = startupProblems(process.env);
  if (problems.length === 0) return;
  console.error(
    `\nPlanPath cannot start: ${problems.join(" ")}\n` +
      "Generate a secret with `openssl rand -base64 32` and set AUTH_SECRET in the environment (see .env.example).\n" +
      "`npm run demo` generates one for you in .data/auth-secret.\n",
  );
  process.exit(1);
}
