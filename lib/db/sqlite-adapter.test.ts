import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client.ts";
import { PrismaClient } from "./generated/sqlite/client.ts";
import { migrateDatabase } from "./migrations.ts";
import { SerializedSqliteAdapterFactory, sqliteFilePath } from "./sqlite-adapter.ts";
import { inTransaction } from "./transactions.ts";

// Always SQLite: this adapter exists for SQLite's single shared connection.
let dir: string;
let db: Db;

/** Called when a query issued outside any transaction reaches the adapter (before it may wait). */
let onOutsideQuery: (() => void) | null = null;

/** The app's adapter, with a window onto when outside queries arrive; nothing is mocked. */
class ObservedFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = "observed-staffroom-sqlite";
  #inner: SerializedSqliteAdapterFactory;
  constructor(url: string) {
    this.#inner = new SerializedSqliteAdapterFactory(url);
  }
  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    return new Proxy(adapter, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== "function") return value;
        if (property === "queryRaw" || property === "executeRaw") {
          return (...args: unknown[]) => {
            onOutsideQuery?.();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-adapter-"));
  const url = `file:${path.join(dir, "adapter.db")}`;
  await migrateDatabase(url);
  db = new PrismaClient({ adapter: new ObservedFactory(url) });
});

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("SerializedSqliteAdapter", () => {
  it("keeps a write made outside a transaction when that transaction rolls back", async () => {
    const wroteInside = deferred();
    const mayFinish = deferred();
    const transaction = db.$transaction(async (tx) => {
      await tx.subjectGroup.create({ data: { name: "Inside", nameKey: "inside" } });
      wroteInside.resolve();
      await mayFinish.promise;
      throw new Error("changed my mind");
    });
    await wroteInside.promise;

    // Another request writes while the transaction is still open...
    const arrived = deferred();
    onOutsideQuery = arrived.resolve;
    const outside = db.subjectGroup.create({ data: { name: "Outside", nameKey: "outside" } }).then((group) => group);
    await arrived.promise;
    onOutsideQuery = null;
    // ...then the transaction fails and rolls back.
    mayFinish.resolve();
    await expect(transaction).rejects.toThrow("changed my mind");
    // The outside write was reported as done, and it is.
    expect(await outside).toMatchObject({ name: "Outside" });

    const names = (await db.subjectGroup.findMany({ select: { name: true } })).map((group) => group.name);
    expect(names).toEqual(["Outside"]);
  });

  it("runs concurrent read-then-write transactions one after the other, so each sees the other's write", async () => {
    await db.role.deleteMany();
    const addNumbered = () =>
      inTransaction(db, async (tx) => {
        const count = await tx.role.count();
        return tx.role.create({ data: { name: `role-${count}` } });
      });
    const created = await Promise.all([addNumbered(), addNumbered(), addNumbered()]);
    expect(created.map((role) => role.name).sort()).toEqual(["role-0", "role-1", "role-2"]);
  });

  it("commits a transaction's writes together", async () => {
    await inTransaction(db, async (tx) => {
      await tx.subjectGroup.create({ data: { name: "Art", nameKey: "art" } });
      await tx.subjectGroup.create({ data: { name: "Music", nameKey: "music" } });
    });
    expect(await db.subjectGroup.count({ where: { nameKey: { in: ["art", "music"] } } })).toBe(2);
  });

  it("refuses isolation levels SQLite cannot give", async () => {
    await expect(db.$transaction(async (tx) => tx.role.count(), { isolationLevel: "ReadUncommitted" as never })).rejects.toThrow();
    // And the connection is still usable afterwards.
    expect(await db.role.count()).toBeGreaterThanOrEqual(0);
  });
});

describe("sqliteFilePath", () => {
  it("strips the file: prefix and any query", () => {
    expect(sqliteFilePath("file:./data/staffroom.db")).toBe("./data/staffroom.db");
    expect(sqliteFilePath("file:/tmp/x.db?connection_limit=1")).toBe("/tmp/x.db");
  });
});
