// Every environment variable Staffroom reads, in one place, with its default. The README's
// "Configuration" table lists the same names; keep the two in step.

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

/** True when the public URL is HTTPS, so that cookies are marked Secure. */
export function servedOverHttps(): boolean {
  return (process.env.AUTH_URL ?? "").startsWith("https://");
}
