import { kindOf, type Db } from "./client.ts";
import { isSqliteBusy, isWriteConflict } from "./errors.ts";

/** The client handed to a transaction's callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in a SERIALIZABLE transaction, retrying when PostgreSQL reports a
 * serialization conflict (P2034). SERIALIZABLE is what makes rules such as "one active
 * administrator remains" hold when two administrators act at once; SQLite is serializable
 * anyway, having one writer at a time.
 *
 * On SQLite, transactions take the write lock as they begin (lib/db/sqlite-adapter.ts), so
 * another process cannot write in between; but if that process (the command line, a test
 * seeding data) holds the lock longer than busy_timeout, BEGIN fails with SQLITE_BUSY, and
 * running the transaction again is SQLite's own advice.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // timeoutMs: for the rare long transaction (a CSV import of thousands of rows).
      return await db.$transaction(work, { isolationLevel: "Serializable", maxWait: 10_000, timeout: options.timeoutMs ?? 20_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !(isWriteConflict(error) || isSqliteBusy(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}

/**
 * Runs `work` in a transaction that holds a lock on `key` (a person's id, say) for its
 * duration, so that transactions on the same key run one after the other and never
 * conflict. For frequent, per-person writes (adding a todo) this beats SERIALIZABLE, whose
 * conflicts between a person's own concurrent requests would need retries. PostgreSQL:
 * READ COMMITTED plus a transaction-scoped advisory lock. SQLite: every transaction already
 * holds the database's write lock.
 */
export async function inLockedTransaction<T>(db: Db, key: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (kindOf(db) === "sqlite") return inTransaction(db, work);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
      return work(tx);
    },
    // PostgreSQL's default isolation, READ COMMITTED: the lock does the ordering.
    { maxWait: 10_000, timeout: 20_000 },
  );
}
