/** Runs once when the server starts (Node.js runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertStartupConfig } = await import("./lib/startup");
    assertStartupConfig();
    const { installClientAddress } = await import("./lib/auth/client-address");
    installClientAddress();
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startJobs } = await import("./lib/jobs/runner");
      await startJobs();
    }
  }
}
