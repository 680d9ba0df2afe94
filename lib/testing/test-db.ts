// A real, migrated database for unit tests of data rules: a temporary SQLite file by
// default, or a fresh schema on PostgreSQL when TEST_DATABASE_URL points at one.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { testDatabaseUrl } from "../config/env.ts";
import { createDb, type Db } from "../db/client.ts";
import { migrateDatabase } from "../db/migrations.ts";
import { ensureRoles } from "../staff/bootstrap.ts";

export type TestDb = { db: Db; url: string; drop: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const base = testDatabaseUrl();
  if (base?.startsWith("postgres")) return createPostgresTestDb(base);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-test-"));
  return openTestDb(`file:${path.join(dir, "test.db")}`, () => fs.rmSync(dir, { recursive: true, force: true }));
}

async function createPostgresTestDb(base: string): Promise<TestDb> {
  const schema = `test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await onServer(base, `CREATE SCHEMA "${schema}"`);
  return openTestDb(withSearchPath(base, schema), () => onServer(base, `DROP SCHEMA "${schema}" CASCADE`));
}

/** Migrates the database at `url`, opens it with the built-in roles; `drop` closes it, then runs `remove`. */
async function openTestDb(url: string, remove: () => Promise<void> | void): Promise<TestDb> {
  await migrateDatabase(url);
  const db = createDb(url);
  await ensureRoles(db);
  return {
    db,
    url,
    drop: async () => {
      await db.$disconnect();
      await remove();
    },
  };
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Prisma's queries name the schema (`schema=`); migrations and raw SQL find it on the search path. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}
