// Logging in with a password imported from a Flask application: it works once with the old
// hash, which is then bcrypt at today's cost; a password below today's rules becomes temporary.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { makeFlaskFixtures, type FlaskFixtures } from "../testing/flask-fixtures.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { authenticate } from "./credentials.ts";
import { hashCost } from "./password.ts";
import { legacyPasswordData, meetsTodaysRules } from "./stored-password.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

let fixtures: FlaskFixtures;
let rootHash: string;
let curieHash: string;
beforeAll(() => {
  fixtures = makeFlaskFixtures();
  const one = (file: string, sql: string) => {
    const sqlite = new Database(file, { readonly: true });
    const row = sqlite.prepare(sql).get() as { hash: string };
    sqlite.close();
    return row.hash;
  };
  rootHash = one(fixtures.files.tokenAuth, "SELECT password AS hash FROM auth_user WHERE email = 'root@example.com'");
  curieHash = one(fixtures.files.staff, "SELECT password_hash AS hash FROM staff WHERE email = 'curie@school.test'");
}, 60_000);

const stored = (userId: string) => db.password.findUniqueOrThrow({ where: { userId } });
const login = (email: string, password: string) => authenticate(db, { email, password, ip: "192.0.2.9", channel: "login" });

describe("imported password hashes at login", () => {
  it("a Flask-Security pbkdf2_sha512 hash logs in, and is replaced by bcrypt with its salt gone", async () => {
    const person = await newStaff(db, { email: "root@example.com" });
    await db.password.update({
      where: { userId: person.id },
      data: legacyPasswordData("flask-security", rootHash, Buffer.from(fixtures.tokenAuth.salt, "utf8")),
    });
    const sealed = (await stored(person.id)).legacySalt!;
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(Buffer.from(fixtures.tokenAuth.salt).toString("base64url").slice(0, 12));

    expect((await login("root@example.com", "wrong-password-1")).ok).toBe(false);
    expect((await stored(person.id)).scheme).toBe("flask-security");

    expect((await login("root@example.com", "Token-admin-2015")).ok).toBe(true);
    const after = await stored(person.id);
    expect(after).toMatchObject({ scheme: "bcrypt", legacySalt: null, mustChange: false });
    expect(hashCost(after.hash)).toBe(4);
    expect((await login("root@example.com", "Token-admin-2015")).ok).toBe(true);
  });

  it("a Werkzeug hash logs in and is replaced the same way", async () => {
    const person = await newStaff(db, { email: "curie@school.test" });
    await db.password.update({ where: { userId: person.id }, data: legacyPasswordData("werkzeug", curieHash, null) });
    expect((await login("curie@school.test", "Periodic-table-118")).ok).toBe(true);
    expect(await stored(person.id)).toMatchObject({ scheme: "bcrypt", legacySalt: null });
  });

  it("an inactive person's imported hash stays as it was: nobody logged in", async () => {
    const person = await newStaff(db, { email: "curie@school.test", active: false });
    await db.password.update({ where: { userId: person.id }, data: legacyPasswordData("werkzeug", curieHash, null) });
    expect((await login("curie@school.test", "Periodic-table-118")).ok).toBe(false);
    expect((await stored(person.id)).scheme).toBe("werkzeug");
  });

  it("a salt sealed under another AUTH_SECRET cannot be opened: the login fails, nothing breaks", async () => {
    const person = await newStaff(db, { email: "root@example.com" });
    const data = legacyPasswordData("flask-security", rootHash, Buffer.from(fixtures.tokenAuth.salt, "utf8"));
    const secret = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-secret-entirely-0123456789";
    try {
      await db.password.update({
        where: { userId: person.id },
        data: legacyPasswordData("flask-security", rootHash, Buffer.from(fixtures.tokenAuth.salt, "utf8")),
      });
    } finally {
      process.env.AUTH_SECRET = secret;
    }
    expect((await login("root@example.com", "Token-admin-2015")).ok).toBe(false);
    await db.password.update({ where: { userId: person.id }, data });
    expect((await login("root@example.com", "Token-admin-2015")).ok).toBe(true);
  });

  it("a legacy password below today's rules logs in once, and is then temporary: it must be changed", async () => {
    const person = await newStaff(db, { email: "test@example.com" });
    const testHash = (() => {
      const sqlite = new Database(fixtures.files.tokenAuth, { readonly: true });
      const row = sqlite.prepare("SELECT password AS hash FROM auth_user WHERE email = 'test@example.com'").get() as { hash: string };
      sqlite.close();
      return row.hash;
    })();
    await db.password.update({
      where: { userId: person.id },
      data: legacyPasswordData("flask-security", testHash, Buffer.from(fixtures.tokenAuth.salt, "utf8")),
    });
    expect((await login("test@example.com", "test123")).ok).toBe(true);
    expect(await stored(person.id)).toMatchObject({ scheme: "bcrypt", legacySalt: null, mustChange: true });
  });

  it("today's rules: what an old system allowed may be below them", () => {
    expect(meetsTodaysRules("123456", { email: "test@gmail.com", username: "spchuang" })).toBe(false);
    expect(meetsTodaysRules("password", { email: "kevin@example.com", username: null })).toBe(false);
    expect(meetsTodaysRules("spchuang", { email: "test@gmail.com", username: "spchuang" })).toBe(false);
    expect(meetsTodaysRules("Token-admin-2015", { email: "root@example.com", username: null })).toBe(true);
  });
});
