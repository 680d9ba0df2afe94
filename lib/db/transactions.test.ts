import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/test-db.ts";
import { createDb, type Db } from "./client.ts";
import { inTransaction } from "./transactions.ts";

let testDb: TestDb;
let otherProcess: Db;

beforeAll(async () => {
  testDb = await createTestDb();
  // A second client on the same file stands for another process (the CLI, a test worker).
  otherProcess = createDb(testDb.url);
});

afterAll(async () => {
  await otherProcess.$disconnect();
  await testDb.drop();
});

// SQLite answers SQLITE_BUSY_SNAPSHOT, PostgreSQL a serialization failure: both are retried.
it("runs a transaction again when another process wrote between its read and its write", async () => {
  let attempts = 0;
  const name = await inTransaction(testDb.db, async (tx) => {
    attempts += 1;
    await tx.role.count();
    if (attempts === 1) {
      // The other process reads and writes the same table: a conflict on either database.
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
