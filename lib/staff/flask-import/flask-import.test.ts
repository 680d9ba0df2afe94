// The four seed applications' databases, as their own libraries write them, imported into
// Staffroom: who arrives with which roles, groups, todos and login history, who can then log
// in with their old password, and that a dry run or a second run writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../auth/credentials.ts";
import { SYSTEM } from "../../identity/caller.ts";
import type { Db } from "../../db/client.ts";
import { makeFlaskFixtures, type FlaskFixtures } from "../../testing/flask-fixtures.ts";
import { setUpTestDb } from "../../testing/set-up-test-db.ts";
import { ensureRoles } from "../bootstrap.ts";
import { FlaskImportError, importFlaskSource, summariseFlaskImport } from "./flask-import.ts";
import { readFlaskDatabase } from "./flask-source.ts";

let db: Db;
setUpTestDb("each", async (fresh) => {
  db = fresh;
  await ensureRoles(db);
});

let fixtures: FlaskFixtures;
beforeAll(() => {
  fixtures = makeFlaskFixtures();
}, 60_000);

const salts = () => ({
  todomvc: Buffer.from(fixtures.todomvc.saltHex, "hex"),
  tokenAuth: Buffer.from(fixtures.tokenAuth.salt, "utf8"),
});

async function importFile(file: string, salt: Buffer | null = null, dryRun = false) {
  return importFlaskSource(db, SYSTEM, readFlaskDatabase(file), { salt, dryRun });
}

async function snapshot() {
  const [users, passwords, todos, roles, groups, audit] = await Promise.all([
    db.user.findMany({ orderBy: { email: "asc" }, include: { roles: true } }),
    db.password.findMany({ orderBy: { userId: "asc" } }),
    db.todo.count(),
    db.role.findMany({ orderBy: { name: "asc" } }),
    db.subjectGroup.findMany({ orderBy: { name: "asc" } }),
    db.auditEvent.count(),
  ]);
  return { users, passwords, todos, roles, groups, audit };
}

const login = (email: string, password: string) => authenticate(db, { email, password, ip: "192.0.2.50", channel: "login" });

describe("import-flask", () => {
  it("detects each application from its tables", () => {
    expect(readFlaskDatabase(fixtures.files.todomvc).app).toBe("flask-todomvc");
    expect(readFlaskDatabase(fixtures.files.doubledibz).app).toBe("doubledibz");
    expect(readFlaskDatabase(fixtures.files.staff).app).toBe("staff-app");
    expect(readFlaskDatabase(fixtures.files.tokenAuth).app).toBe("token-auth");
    expect(() => readFlaskDatabase(`${fixtures.dir}/people.json`)).toThrow(/not a SQLite database/);
  });

  it("flask-todomvc: everyone with their roles and a copy of the shared todo list; they log in with their old passwords", async () => {
    const report = await importFile(fixtures.files.todomvc, salts().todomvc);
    expect(report.people.filter((person) => person.result === "created")).toHaveLength(5);
    expect(report.people.find((person) => person.email === "unknown-hash@example.com")).toMatchObject({ result: "invite" });

    const ada = await db.user.findUniqueOrThrow({ where: { email: "ada.admin@example.com" }, include: { roles: true, todos: { orderBy: { order: "asc" } } } });
    expect(ada.roles.map((role) => role.name).sort()).toEqual(["admin", "staff"]);
    expect(ada.todos.map((todo) => [todo.title, todo.completed])).toEqual(fixtures.todomvc.todos.map((todo) => [todo.title, todo.completed]));
    expect(await db.todo.count()).toBe(6 * fixtures.todomvc.todos.length);
    expect(await db.password.count({ where: { user: { email: "unknown-hash@example.com" } } })).toBe(0);

    for (const person of fixtures.todomvc.people.filter((someone) => someone.password)) {
      const result = await login(person.email, person.password!);
      expect(result.ok, person.email).toBe(person.active);
    }
    const passwords = await db.password.findMany({ include: { user: { select: { email: true, active: true } } } });
    for (const stored of passwords) {
      expect(stored.scheme, stored.user.email).toBe(stored.user.active ? "bcrypt" : "flask-security");
      expect(stored.legacySalt === null, stored.user.email).toBe(stored.user.active);
    }
  });

  it("DoubleDibz: usernames and role_code as its UserConstants define them", async () => {
    await importFile(fixtures.files.doubledibz);
    const people = await db.user.findMany({ include: { roles: true }, orderBy: { email: "asc" } });
    expect(people.map((person) => [person.email, person.username, person.roles.map((role) => role.name).sort()])).toEqual([
      ["head@doubledibz.test", "headteacher", ["admin", "staff"]],
      ["staffer@doubledibz.test", "staffer", ["staff"]],
      ["test@gmail.com", "spchuang", ["staff"]],
    ]);
    for (const person of fixtures.doubledibz.people) expect((await login(person.email, person.password!)).ok, person.email).toBe(true);
  });

  it("the staff app: subject groups made and joined; every Werkzeug format logs in", async () => {
    await importFile(fixtures.files.staff);
    expect((await db.subjectGroup.findMany()).map((group) => group.name).sort()).toEqual(["Modern Languages", "Science"]);
    const curie = await db.user.findUniqueOrThrow({ where: { email: "curie@school.test" }, include: { subjectGroup: true } });
    expect(curie.subjectGroup?.name).toBe("Science");
    for (const person of fixtures.staff.people) {
      expect((await login(person.email, person.password!)).ok, person.email).toBe(true);
      expect((await login(person.email, person.password!)).ok, `${person.email}, again, now bcrypt`).toBe(true);
    }
    expect(await db.password.count({ where: { scheme: { not: "bcrypt" } } })).toBe(0);
  });

  it("token auth: trackable fields and roles kept; inactive stays inactive", async () => {
    await importFile(fixtures.files.tokenAuth, salts().tokenAuth);
    const root = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" }, include: { roles: true } });
    expect(root).toMatchObject({ firstName: "Rita", lastName: "Root", loginCount: 12, currentLoginIp: "203.0.113.7", lastLoginIp: "203.0.113.6" });
    expect(root.currentLoginAt?.toISOString()).toBe("2015-01-15T07:56:55.000Z");
    expect(root.roles.map((role) => role.name).sort()).toEqual(["admin", "editor", "staff"]);
    expect((await db.user.findUniqueOrThrow({ where: { email: "inactive@example.com" } })).active).toBe(false);
    expect((await login("umlaut@example.com", fixtures.tokenAuth.people.find((person) => person.email === "umlaut@example.com")!.password!)).ok).toBe(true);
    expect((await login("root@example.com", "Token-admin-2015")).ok).toBe(true);
  });

  it("a dry run writes nothing, and a second run changes nothing", async () => {
    const empty = await snapshot();
    const dry = await importFile(fixtures.files.tokenAuth, salts().tokenAuth, true);
    expect(dry.people.filter((person) => person.result === "created")).toHaveLength(4);
    expect(dry.rolesCreated).toEqual(["editor"]);
    expect(await snapshot()).toEqual(empty);

    await importFile(fixtures.files.tokenAuth, salts().tokenAuth);
    const once = await snapshot();
    const again = await importFile(fixtures.files.tokenAuth, salts().tokenAuth);
    expect(again.people.every((person) => person.result === "unchanged")).toBe(true);
    expect(again.rolesCreated).toEqual([]);
    expect(await snapshot()).toEqual(once);
    expect(summariseFlaskImport(again)).toContain("  4 already in Staffroom, left unchanged");
  });

  it("Flask-Security databases need the application's salt", async () => {
    await expect(importFile(fixtures.files.todomvc, null)).rejects.toThrow(FlaskImportError);
    expect(await db.user.count()).toBe(0);
  });
});
