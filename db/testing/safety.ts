const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Throws unless `url` names a PostgreSQL database on this machine whose name ends in `_test`:
 * tests create and mutate rows freely and must never reach a shared or production database.
 */
export function assertSafeTestDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Refusing to run tests: DATABASE_URL is not a valid URL.");
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol)) {
    throw new Error(`Refusing to run tests: DATABASE_URL must be postgres://, got ${parsed.protocol}`);
  }
  const host = parsed.hostname || parsed.searchParams.get("host") || "";
  if (!LOCAL_HOSTS.has(host) && !host.startsWith("/")) {
    throw new Error(`Refusing to run tests against non-local host "${host}".`);
  }
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!name.endsWith("_test")) {
    throw new Error(`Refusing to run tests against database "${name}": its name must end in _test.`);
  }
}
