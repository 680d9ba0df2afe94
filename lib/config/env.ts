// Every environment variable Staffroom reads, in one place, with its default: nothing else
// in lib/, server.ts or middleware.ts reads process.env (prepare-environment.ts writes the
// defaults it fills in). The README's "Configuration" table lists the same names; keep the
// two in step. The test helpers' own variables are at the end.

export const DEFAULT_DATABASE_URL = "file:./data/staffroom.db";

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function databaseKind(url = databaseUrl()): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:"`);
}

/** The directory for generated local state (the SQLite file by default, the AUTH_SECRET file). */
export function dataDir(): string {
  return process.env.STAFFROOM_DATA_DIR?.trim() || "data";
}

function flag(name: string): boolean {
  return /^(1|true|yes|on)$/i.test(process.env[name]?.trim() ?? "");
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number; got "${raw}"`);
  }
  return value;
}

export const isTestEnvironment = () => process.env.NODE_ENV === "test";

export const signupAllowed = () => flag("ALLOW_SIGNUP");

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For. 0 (the default)
 * means the client address is the socket's and X-Forwarded-For is ignored.
 */
export function trustedProxyCount(): number {
  const raw = process.env.TRUST_PROXY?.trim() ?? "";
  if (raw === "" || /^(0|false|no|off)$/i.test(raw)) return 0;
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  return positiveInt("TRUST_PROXY", 1);
}

/** bcrypt cost: 12 in production; tests may lower it to keep the suite fast. */
export function bcryptCost(): number {
  const fallback = isTestEnvironment() ? 4 : 12;
  const cost = positiveInt("BCRYPT_COST", fallback);
  if (!isTestEnvironment() && cost < 12) throw new Error("BCRYPT_COST below 12 is allowed only with NODE_ENV=test");
  if (cost > 15) throw new Error("BCRYPT_COST above 15 would make every login take seconds");
  return cost;
}

export const apiTokenLifetimeDays = () => positiveInt("API_TOKEN_TTL_DAYS", 30);

/** Sessions without "Remember me" end with the browser, and on the server after this many hours. */
export const shortSessionHours = () => positiveInt("SESSION_HOURS", 12);
export const rememberMeDays = () => positiveInt("REMEMBER_ME_DAYS", 30);

/** The public URL (Auth.js's AUTH_URL), when one is configured. */
export const publicUrl = (): string | undefined => process.env.AUTH_URL || undefined;

/** True when the public URL is HTTPS, so that cookies are marked Secure. */
export function servedOverHttps(): boolean {
  return (publicUrl() ?? "").startsWith("https://");
}

/** The secret Auth.js signs with, and the root of the app's own keys; prepare-environment fills it in. */
export const authSecret = (): string | undefined => process.env.AUTH_SECRET || undefined;

export const isDevelopment = () => process.env.NODE_ENV === "development";

/** Where server.ts listens. */
export const listenPort = () => Number(process.env.PORT) || 3000;
export const listenHostname = () => process.env.HOSTNAME || undefined;

/**
 * Processes serving requests (server.ts, docs/decisions/005): unset, one per core this
 * process may use. Development always runs one (the dev compiler is one process's).
 */
export const webConcurrency = (cores: number) => positiveInt("WEB_CONCURRENCY", cores);

/** Failed logins before a pause (lib/auth/throttle.ts): per account, and per client address. */
export const accountFailureLimit = () => Number(process.env.THROTTLE_ACCOUNT_FAILURES) || 5;
export const ipFailureLimit = () => Number(process.env.THROTTLE_IP_FAILURES) || 50;

/** bcrypt worker threads; unset, one per core but one. */
export const bcryptThreads = (): number | undefined => Number(process.env.BCRYPT_THREADS) || undefined;

/** PostgreSQL connections per app process. */
export const postgresPoolSize = () => Number(process.env.PG_POOL_SIZE ?? 10);

/** The first administrator, made at start when there is no active one (lib/staff/bootstrap.ts). */
export const firstAdminSettings = (): { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string } => ({
  ADMIN_EMAIL: process.env.ADMIN_EMAIL,
  ADMIN_PASSWORD: process.env.ADMIN_PASSWORD,
});

// For the test helpers (lib/testing/):
/** Tests that need to know which worker answered: every response names its process (X-Staffroom-Worker: pid). */
export const workerHeaderEnabled = () => flag("STAFFROOM_WORKER_HEADER");
/** A PostgreSQL server for unit tests (each gets a schema of its own); unset, SQLite files. */
export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL;
/** The Python with the Flask seeds' libraries, for the import fixtures. */
export const flaskFixturesPython = () => process.env.FLASK_FIXTURES_PYTHON ?? "/usr/bin/python3";

/** Sensitive changes need a sign-in or confirmation this recent (lib/auth/reauth.ts). */
export const reauthMinutes = () => positiveInt("REAUTH_MINUTES", 10);
export const resetLinkMinutes = () => positiveInt("RESET_LINK_MINUTES", 30);
export const inviteLinkDays = () => positiveInt("INVITE_LINK_DAYS", 7);

/** smtp://user:pass@host:587 or smtps://…:465; unset, mail goes to data/outbox/*.eml. */
export const smtpUrl = () => process.env.SMTP_URL?.trim() || null;
export const mailFrom = () => process.env.MAIL_FROM?.trim() || "Staffroom <no-reply@localhost>";

/** The outbox (lib/mail/outbox.ts): first retry delay (doubling up to an hour), attempts before giving up, idle poll. */
export const mailRetryBaseMs = () => positiveInt("MAIL_RETRY_BASE_MS", 30_000);
export const mailMaxAttempts = () => positiveInt("MAIL_MAX_ATTEMPTS", 10);
export const mailPollMs = () => positiveInt("MAIL_POLL_MS", 5_000);
