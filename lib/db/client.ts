import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, databaseUrl, postgresPoolSize, type DatabaseKind } from "../config/env.ts";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import pg from "pg";
import { createDirectReader, type DirectReader } from "./direct-reads.ts";
import { SerializedSqliteAdapterFactory } from "./sqlite-adapter.ts";

// Both generated clients have the same API for everything Staffroom uses (it avoids
// provider-only options), so the SQLite client's type stands for either.
export type Db = SqliteClient;
export type { Prisma } from "./generated/sqlite/client.ts";

/** How long a PostgreSQL query may take before it fails cleanly instead of hanging. */
const PG_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * Prisma names the schema in every query ("public" unless told), so a search_path chosen in
 * the URL (`?options=-c search_path=name`, which the migrations' plain pg connection obeys)
 * must be passed on, or queries would miss the tables the migrations created.
 */
export function postgresSchemaOf(url: string): string | undefined {
  const options = new URL(url).searchParams.get("options") ?? "";
  return /(?:^|\s)-c\s*search_path=([^\s,]+)/.exec(options)?.[1];
}

type Connection = { kind: DatabaseKind; url: string; pool?: pg.Pool; reader?: DirectReader };

// Kept on the client object under a registered symbol rather than in a module-level map:
// Next.js may load this module more than once (per bundle layer) while they all share the
// one client made for the process (see `db` below).
const CONNECTION = Symbol.for("staffroom.db.connection");
const connections = {
  get: (client: object) => (client as { [CONNECTION]?: Connection })[CONNECTION],
  set: (client: object, connection: Connection) => Object.defineProperty(client, CONNECTION, { value: connection }),
};

/** Which database a client talks to, for the few places that must differ (locking). */
export function kindOf(db: object): DatabaseKind {
  return connections.get(db)?.kind ?? databaseKind();
}

/** The hot read path's direct access to the same database (lib/db/direct-reads.ts). */
export function directReaderFor(db: object): DirectReader {
  const connection = connections.get(db);
  if (!connection) throw new Error("not a client made by createDb");
  connection.reader ??= createDirectReader(connection.url, connection.pool);
  return connection.reader;
}

export function createDb(url = databaseUrl()): Db {
  const kind = databaseKind(url);
  if (kind === "sqlite") {
    const client = new SqliteClient({ adapter: new SerializedSqliteAdapterFactory(url) });
    connections.set(client, { kind, url });
    return withReaderClosed(client);
  }
  const schema = new URL(url).searchParams.get("schema") ?? postgresSchemaOf(url);
  // The pool is made here, not by the adapter, so that the direct reads can share it.
  const pool = new pg.Pool({
    connectionString: url,
    max: postgresPoolSize(),
    connectionTimeoutMillis: 5_000,
    statement_timeout: PG_STATEMENT_TIMEOUT_MS,
    query_timeout: PG_STATEMENT_TIMEOUT_MS + 1_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A connection dropped while idle (PostgreSQL restarting) must not crash the process.
  pool.on("error", () => {});
  // Prisma's `?schema=` convention, or the search_path the URL sets.
  const adapter = new PrismaPg(pool, { schema, disposeExternalPool: true });
  const client = new PostgresClient({ adapter }) as unknown as Db;
  connections.set(client, { kind, url, pool });
  return withReaderClosed(client);
}

/** $disconnect also closes the direct reader's connection. */
function withReaderClosed(client: Db): Db {
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await connections.get(client)?.reader?.close();
    await disconnect();
  };
  return client;
}

// One client per process: Next.js may evaluate this module more than once (per bundle
// layer), and each client holds a connection or pool of its own. It is made on first use,
// not on import, so that scripts and servers can settle DATABASE_URL before anything reads it.
const globalForDb = globalThis as unknown as { staffroomDb?: Db };

function processDb(): Db {
  return (globalForDb.staffroomDb ??= createDb());
}

/** At shutdown: closes this process's client (shared with the Next.js bundle), if one was made. */
export async function closeProcessDb(): Promise<void> {
  const client = globalForDb.staffroomDb;
  delete globalForDb.staffroomDb;
  await client?.$disconnect();
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = processDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  has: (_target, property) => Reflect.has(processDb(), property),
});
