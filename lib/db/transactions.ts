import type { Db } from "./client.ts";

/** The client handed to a transaction's callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in a SERIALIZABLE transaction, retrying when PostgreSQL reports a
 * serialization conflict (P2034). SERIALIZABLE is what makes rules such as "one active
 * administrator remains" hold when two administrators act at once; SQLite is serializable
 * anyway, having one writer at a time.
 *
 * SQLite has its own conflict: Prisma's adapter opens transactions with a deferred BEGIN,
 * so one that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT (P1008, which
 * no busy timeout waits out) when another process wrote in between, such as the command
 * line or a test seeding data while the server runs. SQLite's advice is the same: roll
 * back and run the transaction again.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: "Serializable", maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !(isPrismaError(error, "P2034") || isSqliteBusy(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
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
