// Applies the committed SQL migrations at start-up (docs/decisions/002-migrations.md).
// The bookkeeping table is Prisma's own `_prisma_migrations`, with its layout and checksums,
// so that `prisma migrate status` agrees wherever Prisma's native engine is available.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, databaseUrl, type DatabaseKind } from "../config/env.ts";
import { SQLITE_PRAGMAS, sqliteFilePath } from "./sqlite-adapter.ts";

export type Migration = { name: string; sql: string; checksum: string };

export type MigrationReport = { applied: string[]; alreadyApplied: number; warnings: string[] };

export function migrationsDir(kind: DatabaseKind, root = process.cwd()): string {
  return kind === "sqlite" ? path.join(root, "prisma/migrations") : path.join(root, "prisma/postgresql/migrations");
}

export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`No migrations found at ${dir}: run Staffroom from its project directory.`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/** Decides what to run, given what the database says was run. Pure, so it is unit-tested. */
export function planMigrations(onDisk: Migration[], appliedRows: AppliedRow[]) {
  const failed = appliedRows.filter((row) => row.finished_at == null && row.rolled_back_at == null);
  if (failed.length > 0) {
    const names = failed.map((row) => row.migration_name).join(", ");
    throw new Error(`Migration ${names} failed earlier and needs a person: see docs/operations.md, "A failed migration".`);
  }
  const done = new Map(appliedRows.filter((row) => row.finished_at != null).map((row) => [row.migration_name, row.checksum]));
  const warnings: string[] = [];
  for (const migration of onDisk) {
    const checksum = done.get(migration.name);
    if (checksum && checksum !== migration.checksum) warnings.push(`migration ${migration.name} was edited after it was applied`);
  }
  const known = new Set(onDisk.map((migration) => migration.name));
  for (const name of done.keys()) {
    if (!known.has(name)) warnings.push(`the database has migration ${name}, which this version does not know (is it older than the database?)`);
  }
  return { pending: onDisk.filter((migration) => !done.has(migration.name)), alreadyApplied: done.size, warnings };
}

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

function migrateSqlite(url: string, migrations: Migration[]): MigrationReport {
  const file = sqliteFilePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { timeout: 30_000 });
  try {
    for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
    // Table rebuilds in SQLite migrations need foreign keys off, and the pragma is ignored
    // inside a transaction; foreign_key_check below catches anything they broke.
    sqlite.pragma("foreign_keys = OFF");
    // IMMEDIATE takes the write lock first, so two processes starting together queue here
    // and the second sees what the first applied.
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      sqlite.exec(SQLITE_MIGRATIONS_TABLE);
      const rows = sqlite.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as AppliedRow[];
      const plan = planMigrations(migrations, rows);
      const record = sqlite.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const migration of plan.pending) {
        const startedAt = new Date().toISOString();
        sqlite.exec(migration.sql);
        record.run(randomUUID(), migration.checksum, migration.name, startedAt, new Date().toISOString());
      }
      const broken = sqlite.prepare("PRAGMA foreign_key_check").all();
      if (broken.length > 0) throw new Error(`migration left ${broken.length} rows with broken foreign keys`);
      sqlite.exec("COMMIT");
      return { applied: plan.pending.map((m) => m.name), alreadyApplied: plan.alreadyApplied, warnings: plan.warnings };
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw error;
    }
  } finally {
    sqlite.pragma("foreign_keys = ON");
    sqlite.close();
  }
}

// Any constant will do, as long as nothing else in the database uses it for a lock.
const MIGRATION_LOCK_KEY = 72_657_301;

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // Several instances may start at once; the advisory lock lets one migrate at a time.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const plan = planMigrations(migrations, rows);
    for (const migration of plan.pending) {
      await client.query("BEGIN");
      try {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    return { applied: plan.pending.map((m) => m.name), alreadyApplied: plan.alreadyApplied, warnings: plan.warnings };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** Brings the database at `url` up to the newest migration; safe to call on every start. */
export async function migrateDatabase(
  url = databaseUrl(),
  options: { root?: string; upTo?: string } = {},
): Promise<MigrationReport> {
  const kind = databaseKind(url);
  let migrations = readMigrations(migrationsDir(kind, options.root));
  if (options.upTo) migrations = migrations.filter((migration) => migration.name <= options.upTo!);
  return kind === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}
