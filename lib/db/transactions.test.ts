import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/test-db.ts";
import { createDb, type Db } from "./client.ts";
import { sqliteFilePath } from "./sqlite-adapter.ts";
import { inTransaction } from "./transactions.ts";

let testDb: TestDb;
let otherProcess: Db;

beforeAll(async () => {
  testDb = await createTestDb();
  // A second client on the same database stands for another process (the CLI, a test worker).
  otherProcess = createDb(testDb.url);
});

afterAll(async () => {
  await otherProcess.$disconnect();
  await testDb.drop();
});

if (usesPostgres()) {
  // PostgreSQL reports a serialization failure when another transaction changed what this
  // one read; inTransaction runs it again.
  it("runs a transaction again when another one wrote between its read and its write", async () => {
    let attempts = 0;
    const name = await inTransaction(testDb.db, async (tx) => {
      attempts += 1;
      await tx.role.count();
      if (attempts === 1) {
        await otherProcess.$transaction(
          async (other) => {
            await other.role.count();
            await other.role.create({ data: { name: "written-meanwhile" } });
          },
          { isolationLevel: "Serializable" },
        );
      }
      return (await tx.role.create({ data: { name: `written-by-attempt-${attempts}` } })).name;
    });
    expect(attempts).toBe(2);
    expect(name).toBe("written-by-attempt-2");
    expect(await testDb.db.role.count({ where: { name: { startsWith: "written-" } } })).toBe(2);
  });
} else {
  // SQLite: the transaction takes the write lock when it begins (BEGIN IMMEDIATE), so no
  // other process can write between its read and its write; they wait for it instead.
  it("holds the write lock from the start, before it has written anything", async () => {
    let otherWriterRefused = false;
    await inTransaction(testDb.db, async (tx) => {
      await tx.role.count();
      const other = new Database(sqliteFilePath(testDb.url), { timeout: 0 });
      try {
        other.exec("BEGIN IMMEDIATE");
        other.exec("ROLLBACK");
      } catch (error) {
        otherWriterRefused = (error as { code?: string }).code === "SQLITE_BUSY";
      } finally {
        other.close();
      }
      await tx.role.create({ data: { name: "written-under-lock" } });
    });
    expect(otherWriterRefused).toBe(true);
    expect(await testDb.db.role.count({ where: { name: "written-under-lock" } })).toBe(1);
  });
}

function usesPostgres(): boolean {
  return (process.env.TEST_DATABASE_URL ?? "").startsWith("postgres");
}
