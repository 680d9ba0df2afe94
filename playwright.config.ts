import { defineConfig } from "@playwright/test";
import {
  BASE_URL,
  DATABASE_URL,
  DATA_DIR,
  E2E_PORT,
  E2E_SIGNUP_PORT,
  E2E_SMTP_PORT,
  serverEnv,
  SHARED_ENV,
  SIGNUP_BASE_URL,
  SMTP_SINK_DIR,
  TEST_WORKER_ENV,
  SIGNUP_DATABASE_URL,
} from "./e2e/support/env";

// The test workers seed data through the app's own functions, on the servers' databases.
Object.assign(process.env, SHARED_ENV, TEST_WORKER_ENV, { DATABASE_URL, STAFFROOM_DATA_DIR: DATA_DIR });

const server = (port: number, databaseUrl: string, extra: Record<string, string> = {}) => ({
  command: "node --import tsx e2e/support/start-server.ts",
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  // Not inherited from the workers' environment (Playwright passes process.env on).
  env: serverEnv(port, databaseUrl, extra),
});

export default defineConfig({
  fullyParallel: true,
  globalTeardown: "./e2e/support/log-check.ts",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // CI's second pass, on PostgreSQL (E2E_DATABASE_URL), leaves out the tests tagged
  // @database-independent: those that start a server of their own on a fresh SQLite file
  // (e2e/support/dedicated-server.ts), which would run again unchanged, and those whose
  // subject is the page alone (layout at 375 px, keyboard paths, headers, the API reference).
  grepInvert: process.env.E2E_DATABASE_URL ? /@database-independent/ : undefined,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Two suites against the same servers: `npm run test:e2e:built` (what people do) and
  // `npm run test:security` (what attackers try).
  projects: [
    { name: "e2e", testDir: "e2e", testIgnore: "security/**" },
    { name: "security", testDir: "e2e/security" },
  ],
  webServer: [
    // A real SMTP server: the app servers send their mail here (SMTP_URL in serverEnv).
    {
      command: "node --import tsx e2e/support/smtp-sink.ts",
      port: E2E_SMTP_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: { SMTP_SINK_PORT: String(E2E_SMTP_PORT), SMTP_SINK_DIR },
    },
    server(E2E_PORT, DATABASE_URL),
    server(E2E_SIGNUP_PORT, SIGNUP_DATABASE_URL, { ALLOW_SIGNUP: "true" }),
  ],
  metadata: { signupBaseUrl: SIGNUP_BASE_URL },
});
