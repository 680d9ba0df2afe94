// (c) A database left at an older migration is migrated forward at start-up, and keeps
// every row it had.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/auth/password.ts";
import { migrateDatabase, migrationsDir, readMigrations } from "../../lib/db/migrations.ts";
import { startServer, type ServerProcess } from "../support/server-process.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-migrate-"));
const file = path.join(dir, "old.db");
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("start-up on a database at an older migration", () => {
  it("applies the newer migrations and loses no rows", async () => {
    const migrations = readMigrations(migrationsDir("sqlite"));
    expect(migrations.length).toBeGreaterThan(1);
    const oldest = migrations[0]!.name;
    await migrateDatabase(`file:${file}`, { upTo: oldest });

    // Data written by the older version, straight into its tables.
    const sqlite = new Database(file);
    const now = new Date().toISOString();
    sqlite.prepare(`INSERT INTO roles (name, description) VALUES ('admin', ''), ('staff', '')`).run();
    sqlite
      .prepare(`INSERT INTO staff (id, email, firstName, lastName, active, searchText, createdAt, updatedAt) VALUES (?, ?, ?, ?, 1, ?, ?, ?)`)
      .run("oldperson0000000000000001", "old@school.test", "Olive", "Oldtimer", "olive oldtimer old@school.test", now, now);
    sqlite.prepare(`INSERT INTO passwords (userId, hash) VALUES (?, ?)`).run("oldperson0000000000000001", await hashPassword("Old-but-gold-42"));
    sqlite.prepare(`INSERT INTO "_RoleToUser" (A, B) SELECT id, 'oldperson0000000000000001' FROM roles`).run();
    const insertTodo = sqlite.prepare(`INSERT INTO todos (ownerId, title, completed, "order", createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
    for (let i = 1; i <= 25; i++) insertTodo.run("oldperson0000000000000001", `Old todo ${i}`, i % 2, i, now, now);
    sqlite.close();

    server = await startServer({ port: 3643, databaseUrl: `file:${file}` });

    const check = new Database(file, { readonly: true });
    const applied = check.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`).all();
    expect(applied.map((row) => (row as { migration_name: string }).migration_name)).toEqual(migrations.map((m) => m.name));
    expect(check.prepare(`SELECT count(*) AS n FROM todos`).get()).toEqual({ n: 25 });
    expect(check.prepare(`SELECT email FROM staff WHERE id = 'oldperson0000000000000001'`).get()).toEqual({ email: "old@school.test" });
    check.close();

    // The old account still works against the new version.
    const response = await fetch(`${server.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "old@school.test", password: "Old-but-gold-42" }),
    });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    const todos = await fetch(`${server.url}/api/v1/todos`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await todos.json()) as { todos: unknown[] }).todos).toHaveLength(25);
  });
});
