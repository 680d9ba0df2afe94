import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The same "@/…" imports as tsconfig.json's paths, for tests of components' modules.
  resolve: { alias: { "@/": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    // Data rules are tested against real databases (a temporary SQLite file each), which
    // is quick, but bcrypt in worker threads and migrations need a little more than 5 s.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { NODE_ENV: "test", BCRYPT_COST: "4", AUTH_SECRET: "unit-test-secret-not-for-production-0123" },
  },
});
