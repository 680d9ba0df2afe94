import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's better-sqlite3 adapter shares one connection between everything: a query issued
// while another request's transaction is open runs *inside* that transaction, and is lost
// with it if it rolls back, after its caller was told it succeeded. This wrapper makes
// queries outside a transaction wait until no transaction is open (queries themselves are
// synchronous in better-sqlite3, so waiting for the gap is enough to keep them apart), and
// runs transactions itself, to open them with BEGIN IMMEDIATE (see startTransaction).
class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;
  #inner: SqlDriverAdapter;
  #openTransaction: Promise<void> | null = null;

  constructor(inner: SqlDriverAdapter) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  // Each method below waits with an inline loop and then acts without awaiting anything in
  // between: a helper (`await this.#waitOutside()`) would leave microtask turns after its last
  // check, in which another caller could open a transaction (or start a second one inside
  // the first: "cannot start a transaction within a transaction").
  async queryRaw(query: SqlQuery) {
    while (this.#openTransaction) await this.#openTransaction;
    return this.#inner.queryRaw(query);
  }

  async executeRaw(query: SqlQuery) {
    while (this.#openTransaction) await this.#openTransaction;
    return this.#inner.executeRaw(query);
  }

  async executeScript(script: string) {
    while (this.#openTransaction) await this.#openTransaction;
    return this.#inner.executeScript(script);
  }

  /**
   * Opens the transaction with BEGIN IMMEDIATE instead of the adapter's plain BEGIN: the
   * write lock is taken (or waited for, up to busy_timeout) at the start, so that a
   * transaction that has read can always write. With a plain BEGIN, another process writing
   * in between (the CLI, a test seeding data) makes the upgrade fail at once with
   * SQLITE_BUSY. Prisma itself sends COMMIT or ROLLBACK; commit() and rollback() only
   * let the next transaction in.
   */
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite transactions are always serializable; ${isolationLevel} was asked for`);
    }
    while (this.#openTransaction) await this.#openTransaction;
    let finished!: () => void;
    this.#openTransaction = new Promise<void>((resolve) => (finished = resolve));
    const end = async () => {
      this.#openTransaction = null;
      finished();
    };
    try {
      await this.#inner.executeScript("BEGIN IMMEDIATE");
    } catch (error) {
      await end();
      throw error;
    }
    const inner = this.#inner;
    const run = (sql: string) => inner.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined);
    return {
      provider: this.provider,
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => inner.executeRaw(query),
      commit: end,
      rollback: end,
      createSavepoint: (name) => run(`SAVEPOINT ${name}`),
      rollbackToSavepoint: (name) => run(`ROLLBACK TO ${name}`),
      releaseSavepoint: (name) => run(`RELEASE SAVEPOINT ${name}`),
    };
  }

  dispose() {
    return this.#inner.dispose();
  }
}

/** Pragmas every connection gets; see docs/decisions/003-sqlite.md for why each one. */
export const SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "foreign_keys = ON",
  "busy_timeout = 5000",
] as const;

export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").split("?")[0]!;
}

export class SerializedSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = "staffroom-better-sqlite3";
  #inner: PrismaBetterSqlite3;

  constructor(url: string) {
    this.#inner = new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5000 });
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    for (const pragma of SQLITE_PRAGMAS) await adapter.executeScript(`PRAGMA ${pragma};`);
    return new SerializedSqliteAdapter(adapter);
  }
}
