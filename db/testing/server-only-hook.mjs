// Lets a plain Node process — the child of lib/dal/crash.test.ts — load the data layer, whose modules
// import "server-only" (a guard for Next.js bundles, which throws anywhere else): that one specifier
// resolves to an empty module, as vitest's alias does (db/testing/server-only-stub.ts).
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
