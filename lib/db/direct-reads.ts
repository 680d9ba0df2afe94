// The hot read path: the identity lookup that every API request makes and the todo list
// it usually asks for, sent straight to the database driver as prepared statements,
// beside Prisma rather than through it. Measured (bench/README.md, docs/decisions/008):
// Prisma's query pipeline cost about 1 ms of CPU per such request, more than the whole
// framework's own work, while the driver needs a tenth of that. Every other query goes
// through Prisma. Only reads live here; the SQL is written once and runs on both databases.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, databaseUrl } from "../config/env.ts";
import { SQLITE_PRAGMAS, sqliteFilePath } from "./sqlite-adapter.ts";

export type Row = Record<string, unknown>;

export interface DirectReader {
  /** `sql` uses `?` placeholders (numbered for PostgreSQL here); every statement is prepared once. */
  all(sql: string, params: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * SQLite: a connection of its own, refusing writes (query_only). In WAL mode it reads the
 * last committed state while Prisma's connection writes, so it can never see another
 * request's uncommitted transaction (which reading through Prisma's shared connection could).
 */
class SqliteReader implements DirectReader {
  #db: Database.Database;
  #statements = new Map<string, Database.Statement>();

  constructor(url: string) {
    this.#db = new Database(sqliteFilePath(url), { fileMustExist: true, timeout: 5000 });
    for (const pragma of SQLITE_PRAGMAS) this.#db.pragma(pragma);
    this.#db.pragma("query_only = ON");
  }

  async all(sql: string, params: unknown[]): Promise<Row[]> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement.all(...params) as Row[];
  }

  async close() {
    this.#db.close();
  }
}

/** "2026-11-23 15:03:27.17" (PostgreSQL's text for timestamp(3)) → "2026-11-23T15:03:27.170Z". */
export function postgresTimestampToIso(value: string): string {
  const [date, time = "00:00:00"] = value.split(" ");
  const [seconds, fraction = ""] = time.split(".");
  return `${date}T${seconds}.${fraction.padEnd(3, "0").slice(0, 3)}Z`;
}

// Prisma stores DateTime as `timestamp(3)` without a time zone, in UTC; pg would read it as
// local time (into a Date). It is read as the ISO string the API answers with instead.
const UTC_TIMESTAMPS = {
  getTypeParser: (oid: number, format?: string) => (oid === 1114 ? postgresTimestampToIso : pg.types.getTypeParser(oid, format as "text")),
};

/** PostgreSQL: the pool Prisma's adapter uses too (see client.ts), with named prepared statements. */
class PostgresReader implements DirectReader {
  #names = new Map<string, string>();
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async all(sql: string, params: unknown[]): Promise<Row[]> {
    let name = this.#names.get(sql);
    if (!name) {
      name = `staffroom_${this.#names.size + 1}`;
      this.#names.set(sql, name);
    }
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    const result = await this.#pool.query({ name, text, values: params, types: UTC_TIMESTAMPS });
    return result.rows as Row[];
  }

  async close() {
    // The pool belongs to the Prisma client; it closes it.
  }
}

export function createDirectReader(url = databaseUrl(), pool?: pg.Pool): DirectReader {
  if (databaseKind(url) === "sqlite") return new SqliteReader(url);
  if (!pool) throw new Error("a PostgreSQL reader needs the client's pool");
  return new PostgresReader(pool);
}

/** SQLite keeps booleans as 0/1. */
export const asBoolean = (value: unknown): boolean => value === true || value === 1 || value === 1n;

/** Prisma's own SQLite format, "2026-11-23T15:03:27.173+00:00": already UTC, only the zone is spelt differently. */
const PRISMA_SQLITE_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/**
 * A stored timestamp as an ISO string: Date from pg, text from SQLite (Prisma's format, or
 * SQL's "YYYY-MM-DD HH:MM:SS" in UTC). Prisma's format is rewritten without a Date: on the
 * hot path a list of 50 todos has 100 of them, and Next.js wraps Date on the server.
 */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function asIsoTime(value: unknown): string {
  if (typeof value === "string" && ISO_UTC.test(value)) return value;
  if (typeof value === "string" && PRISMA_SQLITE_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return new Date(value).toISOString();
  const text = String(value);
  const hasZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(text);
  return new Date(hasZone ? text : `${text.replace(" ", "T")}Z`).toISOString();
}

export const asTime = (value: unknown): number => Date.parse(asIsoTime(value));
