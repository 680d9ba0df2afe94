// What a Prisma or driver error means, in one place: a unique constraint failed, a
// transaction lost a conflict, SQLite was busy, or the database cannot answer right now.
// Prisma wraps the driver adapters' errors in several shapes; only this module knows them.

/**
 * A serialization failure: Prisma's P2034, or the pg adapter's TransactionWriteConflict
 * (SQLSTATE 40001), which reaches us bare when it happens at COMMIT.
 */
export function isWriteConflict(error: unknown): boolean {
  if (isPrismaError(error, "P2034")) return true;
  const candidates = [
    (error as { cause?: { kind?: unknown } })?.cause,
    (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } })?.meta?.driverAdapterError?.cause,
  ];
  return candidates.some((cause) => cause?.kind === "TransactionWriteConflict");
}

/** SQLite's "database is locked", in any of its forms (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, ...). */
export function isSqliteBusy(error: unknown): boolean {
  type Cause = { originalCode?: unknown };
  const shaped = error as { meta?: { driverAdapterError?: { cause?: Cause } }; cause?: Cause } | null;
  // Prisma wraps the adapter's error in queries; a failing COMMIT may surface it bare.
  const code = shaped?.meta?.driverAdapterError?.cause?.originalCode ?? shaped?.cause?.originalCode;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export function isPrismaError(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/** A unique constraint failed (P2002), optionally on a given column. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!isPrismaError(error, "P2002")) return false;
  if (!field) return true;
  const meta = (error as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } }).meta;
  const fields = [meta?.target, meta?.driverAdapterError?.cause?.constraint?.fields].flat().filter(Boolean).map(String);
  return fields.some((name) => name.includes(field));
}

// Errors that mean "the database cannot answer right now" (it is restarting, unreachable,
// overloaded, or a transaction lost a conflict even after its retries), as opposed to bugs.
// Callers answer them with 503 and Retry-After: the client may simply try again.
/** Prisma's own codes for connection, timeout and conflict failures. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), class 53 (insufficient resources),
 * 57014 (statement timeout), 57P01–57P05 (shutting down, starting up), 40001/40P01
 * (serialization failure, deadlock).
 */
const POSTGRES_STATE = /^(08|53)|^57014$|^57P0[1-5]$|^40001$|^40P01$/;

const MESSAGES = /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|timeout exceeded when trying to connect|Query read timeout|SQLITE_BUSY|database is locked|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

/** The driver adapters' own names for the same situations. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionWriteConflict"]);

type PrismaLikeError = {
  code?: unknown;
  message?: unknown;
  cause?: { kind?: unknown };
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown; kind?: unknown } } };
};

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, meta, cause: bareCause } = error as PrismaLikeError;
  if (typeof code === "string" && PRISMA_CODES.has(code)) return true;
  const cause = meta?.driverAdapterError?.cause;
  if ([bareCause?.kind, cause?.kind].some((kind) => typeof kind === "string" && ADAPTER_KINDS.has(kind))) return true;
  // The SQLSTATE: inside Prisma's error, or the pg driver's own error (the direct reads).
  const states = [cause?.originalCode, cause?.code, code].filter((value): value is string => typeof value === "string");
  if (states.some((state) => POSTGRES_STATE.test(state))) return true;
  return MESSAGES.test(typeof message === "string" ? message : "");
}
