import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/http/**/*.test.ts"],
    globals: true,
    // HTTP test files each start their own server on a free port with a temp database.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
