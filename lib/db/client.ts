import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, databaseUrl, type DatabaseKind } from "../config/env.ts";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
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

const kinds = new WeakMap<object, DatabaseKind>();

/** Which database a client talks to, for the few places that must differ (locking). */
export function kindOf(db: object): DatabaseKind {
  return kinds.get(db) ?? databaseKind();
}

export function createDb(url = databaseUrl()): Db {
  const client = connect(url);
  kinds.set(client, databaseKind(url));
  return client;
}

function connect(url: string): Db {
  if (databaseKind(url) === "sqlite") {
    return new SqliteClient({ adapter: new SerializedSqliteAdapterFactory(url) });
  }
  const adapter = new PrismaPg(
    {
      connectionString: url,
      max: Number(process.env.PG_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 5_000,
      statement_timeout: PG_STATEMENT_TIMEOUT_MS,
      query_timeout: PG_STATEMENT_TIMEOUT_MS + 1_000,
    },
    // Prisma's `?schema=` convention, or the search_path the URL sets.
    { schema: new URL(url).searchParams.get("schema") ?? postgresSchemaOf(url) },
  );
  return new PostgresClient({ adapter }) as unknown as Db;
}

// One client per process: Next.js may evaluate this module more than once (per bundle
// layer), and each client holds a connection or pool of its own.
const globalForDb = globalThis as unknown as { staffroomDb?: Db };

export const db: Db = (globalForDb.staffroomDb ??= createDb());
