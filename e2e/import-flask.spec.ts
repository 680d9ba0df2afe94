// `npm run staff -- import-flask` on the databases of the four Flask seed applications, as
// their own libraries write them (scripts/fixtures/flask-seeds.py): a dry run writes nothing,
// the import brings everyone over, they log in with the passwords they had (and the stored
// hash is then bcrypt), and a second import changes nothing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { makeFlaskFixtures, type FixturePerson, type FlaskFixtures } from "../lib/testing/flask-fixtures";
import { DATA_DIR, DATABASE_URL, SHARED_ENV } from "./support/env";
import { expect, test } from "./support/fixtures";

test.describe.configure({ mode: "serial", timeout: 180_000 });

let fixtures: FlaskFixtures;

function staffCli(...args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "scripts/staff.ts", ...args], {
    env: { ...process.env, ...SHARED_ENV, DATABASE_URL, STAFFROOM_DATA_DIR: DATA_DIR, NODE_ENV: "production", BCRYPT_COST: "" },
    encoding: "utf8",
  });
}

type Seed = { name: string; file: () => string; salt: () => string[]; people: () => FixturePerson[] };

const SEEDS: Seed[] = [
  { name: "seed A, flask-todomvc", file: () => fixtures.files.todomvc, salt: () => ["--salt-hex", fixtures.todomvc.saltHex], people: () => fixtures.todomvc.people },
  { name: "seed 001, DoubleDibz", file: () => fixtures.files.doubledibz, salt: () => [], people: () => fixtures.doubledibz.people },
  { name: "seed 002, the staff and subject groups app", file: () => fixtures.files.staff, salt: () => [], people: () => fixtures.staff.people },
  { name: "seed 003, token authentication", file: () => fixtures.files.tokenAuth, salt: () => ["--salt", fixtures.tokenAuth.salt], people: () => fixtures.tokenAuth.people },
];

test.beforeAll(async ({ db }) => {
  fixtures = makeFlaskFixtures(path.join(DATA_DIR, `flask-fixtures-${process.pid}`));
  const emails = SEEDS.flatMap((seed) => seed.people().map((person) => person.email.toLowerCase()));
  await db.user.deleteMany({ where: { email: { in: emails } } });
});

// Only what belongs to the seed's people: other specs create staff, groups and roles in the
// same database at the same time.
async function everything(db: import("../lib/db/client").Db, seed: Seed) {
  const emails = seed.people().map((person) => person.email.toLowerCase());
  const users = await db.user.findMany({
    where: { email: { in: emails } },
    orderBy: { email: "asc" },
    include: { roles: { select: { name: true }, orderBy: { name: "asc" } }, subjectGroup: { select: { name: true } } },
  });
  const ids = users.map((user) => user.id);
  const [passwords, todos] = await Promise.all([
    db.password.findMany({ where: { userId: { in: ids } }, orderBy: { userId: "asc" } }),
    db.todo.findMany({ where: { ownerId: { in: ids } }, orderBy: [{ ownerId: "asc" }, { order: "asc" }] }),
  ]);
  return { users, passwords, todos };
}

for (const seed of SEEDS) {
  test(`${seed.name}: a dry run writes nothing, the import brings everyone, a second run changes nothing`, async ({ db }) => {
    const before = await everything(db, seed);
    const dry = staffCli("import-flask", seed.file(), ...seed.salt(), "--dry-run");
    expect(dry).toContain(`Found ${seed.name}`);
    expect(dry).toContain("Dry run, nothing written");
    expect(await everything(db, seed)).toEqual(before);

    const first = staffCli("import-flask", seed.file(), ...seed.salt());
    expect(first).toContain(`Found ${seed.name}`);
    expect(first).toMatch(new RegExp(`${seed.people().filter((person) => !person.unknownHash).length} imported with their password`));
    for (const person of seed.people()) {
      const stored = await db.user.findUniqueOrThrow({ where: { email: person.email.toLowerCase() }, include: { roles: true } });
      expect(stored.active, person.email).toBe(person.active);
      for (const role of person.roles) expect(stored.roles.map((r) => r.name), person.email).toContain(role);
    }
    const once = await everything(db, seed);
    const second = staffCli("import-flask", seed.file(), ...seed.salt());
    expect(second).toContain(`${seed.people().length} already in Staffroom, left unchanged`);
    expect(await everything(db, seed)).toEqual(once);
  });
}

test("flask-todomvc's shared todo list is copied to each person it had", async ({ db }) => {
  const ada = await db.user.findUniqueOrThrow({ where: { email: "ada.admin@example.com" }, include: { todos: { orderBy: { order: "asc" } } } });
  expect(ada.todos.map((todo) => todo.title)).toEqual(fixtures.todomvc.todos.map((todo) => todo.title));
});

test("the staff app's subject groups came with its people", async ({ db }) => {
  const curie = await db.user.findUniqueOrThrow({ where: { email: "curie@school.test" }, include: { subjectGroup: true } });
  expect(curie.subjectGroup?.name).toBe("Science");
});

test("everyone logs in with the password they had; the stored hash is then bcrypt; inactive people stay out", async ({ page, request, db, login }) => {
  const people = SEEDS.flatMap((seed) => seed.people()).filter((person) => person.password);
  // One person of each seed through the login page; the others through the token endpoint (the same check).
  const throughThePage = new Set(SEEDS.map((seed) => seed.people().find((person) => person.active && person.password)!.email));
  for (const person of people) {
    const email = person.email.toLowerCase();
    if (person.active && (throughThePage.has(person.email) || person.breaksRules)) {
      await page.context().clearCookies();
      await login(page, { email, password: person.password! });
    } else {
      const response = await request.post("/api/v1/tokens", { data: { email, password: person.password, name: "import check" } });
      expect(response.status(), `${email}: ${person.active ? "logs in" : "inactive, refused"}`).toBe(person.active ? 201 : 401);
    }
    const stored = await db.password.findFirstOrThrow({ where: { user: { email } } });
    if (person.active) {
      // A password below today's rules (the seeds' "password", "123456", "test123") is now temporary.
      expect(stored, email).toMatchObject({ scheme: "bcrypt", legacySalt: null, mustChange: person.breaksRules === true });
      expect(stored.hash, email).toMatch(/^\$2[aby]\$12\$/);
    } else {
      expect(stored.scheme, email).not.toBe("bcrypt");
    }
  }
});

test("a wrong password is still wrong, and an unknown hash format means no password (to be invited)", async ({ request, db }) => {
  const response = await request.post("/api/v1/tokens", { data: { email: "old@school.test", password: "Old-school-sha1-hmac-not", name: "x" } });
  expect(response.status()).toBe(401);
  expect(await db.password.count({ where: { user: { email: "unknown-hash@example.com" } } })).toBe(0);
});
