// Suites that start production servers themselves (reliability, scale): one file at a time,
// generous timeouts. They need `npm run build` first.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", BCRYPT_COST: "4" },
  },
});
