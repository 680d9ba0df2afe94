// Every legacy format, checked against hashes that Flask-Security, passlib and Werkzeug made
// themselves (lib/testing/flask-fixtures.ts): the right password passes, anything else fails.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFlaskFixtures, type FlaskFixtures } from "../../testing/flask-fixtures.ts";
import { closePasswordWorkers } from "../password.ts";
import { ab64Decode, parseFlaskSecurityHash } from "./flask-security.ts";
import { describeLegacyHash, verifyLegacyPassword, type LegacyScheme } from "./legacy-passwords.ts";
import { parseWerkzeugHash } from "./werkzeug.ts";

let fixtures: FlaskFixtures;
const hashes = new Map<string, string>();

beforeAll(() => {
  fixtures = makeFlaskFixtures();
  const read = (file: string, sql: string) => {
    const db = new Database(file, { readonly: true });
    for (const row of db.prepare(sql).all() as { email: string; hash: string }[]) hashes.set(row.email, row.hash);
    db.close();
  };
  read(fixtures.files.todomvc, "SELECT email, password AS hash FROM users");
  read(fixtures.files.tokenAuth, "SELECT email, password AS hash FROM auth_user");
  read(fixtures.files.doubledibz, "SELECT email, password AS hash FROM user");
  read(fixtures.files.staff, "SELECT email, password_hash AS hash FROM staff");
}, 60_000);

afterAll(closePasswordWorkers);

const hashOf = (email: string) => {
  const hash = hashes.get(email);
  if (!hash) throw new Error(`no fixture hash for ${email}`);
  return hash;
};

async function accepts(scheme: LegacyScheme, email: string, password: string, salt: string | null) {
  return verifyLegacyPassword(password, { scheme, hash: hashOf(email), salt: salt === null ? null : Buffer.from(salt, "utf8") });
}

describe("Flask-Security bcrypt (seed A: HMAC-SHA512 with a salt holding a NUL, then bcrypt)", () => {
  const salt = () => fixtures.todomvc.salt;

  it("accepts the password and refuses others, and needs the right application salt", async () => {
    expect(hashOf("kevin@example.com")).toMatch(/^\$2b\$12\$/);
    expect(describeLegacyHash("flask-security", hashOf("kevin@example.com"))).toBe("Flask-Security bcrypt");
    expect(await accepts("flask-security", "kevin@example.com", "password", salt())).toBe(true);
    expect(await accepts("flask-security", "kevin@example.com", "Password", salt())).toBe(false);
    expect(await accepts("flask-security", "kevin@example.com", "password", "another salt")).toBe(false);
    expect(await accepts("flask-security", "kevin@example.com", "password", null)).toBe(false);
  });

  it("checks a non-ASCII password hashed in NFKD form (Flask-Security 4.0+) and as typed (before 4.0)", async () => {
    const typed = fixtures.todomvc.people.find((person) => person.email === "nfkd@example.com")!.password!;
    expect(typed).not.toBe(typed.normalize("NFKD"));
    expect(await accepts("flask-security", "nfkd@example.com", typed, salt())).toBe(true);
    expect(await accepts("flask-security", "nfkd@example.com", typed.normalize("NFKD"), salt())).toBe(true);
    expect(await accepts("flask-security", "raw@example.com", typed, salt())).toBe(true);
    expect(await accepts("flask-security", "raw@example.com", typed.replace("è", "e"), salt())).toBe(false);
  });

  it("does not mistake a hash it cannot check for one it can", () => {
    expect(describeLegacyHash("flask-security", hashOf("unknown-hash@example.com"))).toBeNull();
    expect(parseFlaskSecurityHash("$2b$12$short")).toBeNull();
  });
});

describe("Flask-Security pbkdf2_sha512 (seed 003: passlib's $pbkdf2-sha512$ in ab64)", () => {
  const salt = () => fixtures.tokenAuth.salt;

  it("accepts the password and refuses others", async () => {
    expect(hashOf("root@example.com")).toMatch(/^\$pbkdf2-sha512\$25000\$/);
    expect(describeLegacyHash("flask-security", hashOf("root@example.com"))).toBe("Flask-Security pbkdf2_sha512");
    expect(await accepts("flask-security", "root@example.com", "Token-admin-2015", salt())).toBe(true);
    expect(await accepts("flask-security", "root@example.com", "Token-admin-2016", salt())).toBe(false);
    expect(await accepts("flask-security", "test@example.com", "test123", salt())).toBe(true);
  });

  it("checks a non-ASCII password", async () => {
    const typed = fixtures.tokenAuth.people.find((person) => person.email === "umlaut@example.com")!.password!;
    expect(await accepts("flask-security", "umlaut@example.com", typed, salt())).toBe(true);
    expect(await accepts("flask-security", "umlaut@example.com", typed.toUpperCase(), salt())).toBe(false);
  });

  it("decodes passlib's ab64 ('.' for '+', no padding)", () => {
    expect(ab64Decode("u/c.h/BeKyWklLKWcs659w")!.toString("base64")).toBe("u/c+h/BeKyWklLKWcs659w==");
    expect(ab64Decode("not+ab64")).toBeNull();
  });

  it("refuses damaged or absurd hashes instead of computing them", () => {
    const good = hashOf("root@example.com");
    expect(parseFlaskSecurityHash(good.replace("$25000$", "$0$"))).toBeNull();
    expect(parseFlaskSecurityHash(good.replace("$25000$", "$99999999$"))).toBeNull();
    expect(parseFlaskSecurityHash(good.slice(0, -2))).toBeNull();
  });
});

describe("Werkzeug (seeds 001 and 002)", () => {
  const cases = [
    ["test@gmail.com", "123456", "Werkzeug pbkdf2:sha1"],
    ["head@doubledibz.test", "Doubledibz-admin-0", "Werkzeug pbkdf2:sha256"],
    ["curie@school.test", "Periodic-table-118", "Werkzeug pbkdf2:sha256"],
    ["pbkdf2sha1@school.test", "Pbkdf2-sha1-legacy", "Werkzeug pbkdf2:sha1"],
    ["old@school.test", "Old-school-sha1-hmac", "Werkzeug sha1"],
    ["scrypt@school.test", "Scrypt-is-memory-hard", "Werkzeug scrypt"],
    ["plain@school.test", "Plain-text-was-a-mistake", "Werkzeug plain"],
  ] as const;

  it.each(cases)("%s: accepts its password, refuses a near miss (%s, %s)", async (email, password, format) => {
    expect(describeLegacyHash("werkzeug", hashOf(email))).toBe(format);
    expect(await accepts("werkzeug", email, password, null)).toBe(true);
    expect(await accepts("werkzeug", email, `${password}x`, null)).toBe(false);
    expect(await accepts("werkzeug", email, password.slice(0, -1), null)).toBe(false);
  });

  it("checks a non-ASCII password as UTF-8", async () => {
    const typed = fixtures.staff.people.find((person) => person.email === "nonascii@school.test")!.password!;
    expect(await accepts("werkzeug", "nonascii@school.test", typed, null)).toBe(true);
    expect(await accepts("werkzeug", "nonascii@school.test", typed.normalize("NFKD"), null)).toBe(false);
  });

  it("splits like Python's split('$', 2): a plain password may contain '$'", async () => {
    expect(await verifyLegacyPassword("a$b$c", { scheme: "werkzeug", hash: "plain$$a$b$c", salt: null })).toBe(true);
    expect(await verifyLegacyPassword("a$b", { scheme: "werkzeug", hash: "plain$$a$b$c", salt: null })).toBe(false);
  });

  it("refuses what it cannot check safely: no iteration count, unknown digests, absurd costs", () => {
    const scrypt = hashOf("scrypt@school.test");
    expect(parseWerkzeugHash("pbkdf2:sha256$salt$" + "0".repeat(64))).toBeNull();
    expect(parseWerkzeugHash("pbkdf2:whirlpool:1000$salt$" + "0".repeat(128))).toBeNull();
    expect(parseWerkzeugHash(scrypt.replace("scrypt:32768:", "scrypt:33000:"))).toBeNull();
    expect(parseWerkzeugHash(scrypt.replace("scrypt:32768:8:1", "scrypt:1048576:64:16"))).toBeNull();
    expect(parseWerkzeugHash("pbkdf2:sha1:1000$salt$tooshort")).toBeNull();
    expect(parseWerkzeugHash("$argon2id$v=19$m=65536")).toBeNull();
    expect(parseWerkzeugHash("no dollars")).toBeNull();
  });
});
