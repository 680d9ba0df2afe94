// Where the end-to-end suite's servers run and what they are configured with. Shared by
// playwright.config.ts (which starts them) and the fixtures (which seed their databases).
import path from "node:path";
import { pathToFileURL } from "node:url";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SIGNUP_PORT = E2E_PORT + 1;
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const SIGNUP_BASE_URL = `http://127.0.0.1:${E2E_SIGNUP_PORT}`;

export const DATA_DIR = path.resolve(".e2e-data");

/** The suite's SMTP server (e2e/support/smtp-sink.ts) and the folder it writes each mail to. */
export const E2E_SMTP_PORT = E2E_PORT + 25;
export const SMTP_SINK_DIR = path.join(DATA_DIR, "mailbox");

/** PostgreSQL when E2E_DATABASE_URL is set (CI's second pass), else a throwaway SQLite file. */
export const DATABASE_URL = process.env.E2E_DATABASE_URL ?? `file:${path.join(DATA_DIR, "main.db")}`;
export const SIGNUP_DATABASE_URL = process.env.E2E_SIGNUP_DATABASE_URL ?? `file:${path.join(DATA_DIR, "signup.db")}`;

/** Where each server of the suite keeps a copy of its stderr (e2e/support/log-check.ts reads them). */
export const SERVER_LOG_DIR = path.join(DATA_DIR, "server-logs");

export const ADMIN = { email: "admin@e2e.test", password: "Initial-admin-pass-9" };

/**
 * The environment both the servers and the test workers share. The servers hash at the
 * production cost (a production build fixes NODE_ENV); the workers seed people at a low
 * cost (TEST_WORKER_ENV), which the server upgrades at their first login, as it would.
 */
export const SHARED_ENV = {
  // Each test gets its own X-Forwarded-For address, so that throttling tests (and failed
  // logins in other tests) never lock each other out.
  TRUST_PROXY: "1",
  AUTH_SECRET: "e2e-secret-not-for-production-0123456789abcdef",
} as const;

export const TEST_WORKER_ENV = { NODE_ENV: "test", BCRYPT_COST: "4" } as const;

/**
 * The environment of one production server of the suite: playwright.config.ts starts two
 * (main and sign-up), and specs that need a database of their own start one more
 * (e2e/support/dedicated-server.ts). Not inherited from the workers' environment.
 */
export function serverEnv(port: number, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...SHARED_ENV,
    NODE_ENV: "production",
    BCRYPT_COST: "",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    STAFFROOM_DATA_DIR: DATA_DIR,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
    MAIL_FROM: "Staffroom <staffroom@e2e.test>",
    // Retries come quickly, so that a spec waits seconds, not minutes.
    MAIL_RETRY_BASE_MS: "200",
    MAIL_POLL_MS: "500",
    // Two workers, as `npm start` runs on a two-core machine: every spec then also checks that
    // nothing it relies on is kept in one process only (docs/decisions/005).
    WEB_CONCURRENCY: "2",
    SERVER_LOG_FILE: path.join(SERVER_LOG_DIR, `${port}.log`),
    NODE_OPTIONS: `--import=${pathToFileURL(path.resolve("e2e/support/tee-stderr.mjs")).href}`,
    ...extra,
  };
}
