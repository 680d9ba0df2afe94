import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    // Data rules are tested against real databases (a temporary SQLite file each), which
    // is quick, but bcrypt in worker threads and migrations need a little more than 5 s.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { NODE_ENV: "test", BCRYPT_COST: "4" },
  },
});
