import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // The data layer is server-only in Next.js; under vitest it runs in plain Node.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // Starts a throwaway PostgreSQL when one is installed: the tests of tests/support/databases.ts
    // then run on both databases (TEST_POSTGRES=off|required, TEST_POSTGRES_URL: see that file).
    globalSetup: ["tests/support/postgres-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
