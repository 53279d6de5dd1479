import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/db/testing/server-only-stub.ts` },
    ],
  },
  test: {
    environment: "node",
    include: ["{app,components,db,lib}/**/*.test.{ts,tsx}"],
    globalSetup: ["db/testing/global-setup.ts"],
    setupFiles: ["db/testing/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
