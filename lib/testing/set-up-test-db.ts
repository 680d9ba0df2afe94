// The hooks every data-rule test file needs, in one place: a real database per test (or
// one per file), dropped after the last test together with the bcrypt worker pool.
// Kept apart from test-db.ts so that nothing outside vitest pulls vitest in.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { closePasswordWorkers } from "../auth/password.ts";
import type { Db } from "../db/client.ts";
import { createTestDb, type TestDb } from "./test-db.ts";

export type TestDbHandle = { readonly db: Db };

/**
 * Registers the hooks in the calling file or describe block. `each`: every test starts on
 * an empty, migrated database; `file`: its tests share one. `onOpen` runs on each new
 * database before the tests see it; `.db` of the result is the current one.
 */
export function setUpTestDb(scope: "each" | "file" = "each", onOpen?: (db: Db) => void | Promise<void>): TestDbHandle {
  let current: TestDb | undefined;
  const open = async () => {
    await current?.drop();
    current = await createTestDb();
    await onOpen?.(current.db);
  };
  if (scope === "each") beforeEach(open);
  else beforeAll(open);
  afterAll(async () => {
    await current?.drop();
    current = undefined;
    await closePasswordWorkers();
  });
  return {
    get db() {
      if (!current) throw new Error("the test database exists only while a test runs");
      return current.db;
    },
  };
}
