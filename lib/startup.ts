/**
 * In production, refuse to start without AUTH_SECRET: a missing secret would otherwise surface
 * only as a failed sign-in on the first request.
 */
export function assertStartupConfig(): void {
  if (process.env.NODE_ENV === "production" && !process.env.AUTH_SECRET) {
    console.error(
      "\nPlanPath cannot start: AUTH_SECRET is not set.\n" +
        "Generate one with `openssl rand -base64 32` and set it in the environment (see .env.example).\n" +
        "`npm run demo` generates one for you in .data/auth-secret.\n",
    );
    process.exit(1);
  }
}
