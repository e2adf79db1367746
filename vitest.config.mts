import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// The SDK's notice that its 2027 releases need Node 22 (docs/testing.md) would repeat in every
// worker; set here, before the global setup and the workers start, so all of them inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // Route handlers and the data layer are server-only; tests run them in Node directly.
    alias: { "server-only": new URL("./node_modules/server-only/empty.js", import.meta.url).pathname },
  },
  test: {
    // At least 3 files at once (vitest's default is one fewer than the cores: 1 on 2 cores): an
    // integration file mostly waits on the database, its timers and its child processes.
    maxWorkers: Math.max(availableParallelism() - 1, 3),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // Pure logic: no database is started for these.
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], setupFiles: ["tests/setup/env.ts"] },
      },
      // The real route handlers and data layer against one embedded database for the run.
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/env.ts", "tests/setup/db-env.ts"],
        },
      },
    ],
  },
});
