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
