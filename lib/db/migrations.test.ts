import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client.ts";
import { migrateDatabase, migrationsDir, planMigrations, readMigrations, type Migration } from "./migrations.ts";

const m = (name: string, checksum = `sum-${name}`): Migration => ({ name, sql: `-- ${name}`, checksum });
const applied = (name: string, checksum = `sum-${name}`, state: "finished" | "failed" | "rolled back" = "finished") => ({
  migration_name: name,
  checksum,
  finished_at: state === "finished" ? new Date() : null,
  rolled_back_at: state === "rolled back" ? new Date() : null,
});

describe("planMigrations", () => {
  it("runs everything on an empty database, in order", () => {
    expect(planMigrations([m("001_a"), m("002_b")], [])).toEqual({ pending: [m("001_a"), m("002_b")], alreadyApplied: 0, warnings: [] });
  });

  it("runs only what was not applied yet", () => {
    expect(planMigrations([m("001_a"), m("002_b")], [applied("001_a")])).toEqual({ pending: [m("002_b")], alreadyApplied: 1, warnings: [] });
    expect(planMigrations([m("001_a"), m("002_b")], [applied("001_a"), applied("002_b")])).toEqual({ pending: [], alreadyApplied: 2, warnings: [] });
  });

  it("warns, without re-running, when an applied migration was edited since", () => {
    const plan = planMigrations([m("001_a", "new-sum"), m("002_b")], [applied("001_a", "old-sum")]);
    expect(plan.pending).toEqual([m("002_b")]);
    expect(plan.warnings).toEqual(["migration 001_a was edited after it was applied"]);
  });

  it("warns when the database has a migration this version does not know", () => {
    const plan = planMigrations([m("001_a")], [applied("001_a"), applied("003_future")]);
    expect(plan.pending).toEqual([]);
    expect(plan.warnings).toEqual(["the database has migration 003_future, which this version does not know (is it older than the database?)"]);
  });

  it("stops at a migration that failed earlier and names it", () => {
    expect(() => planMigrations([m("001_a"), m("002_b")], [applied("001_a"), applied("002_b", undefined, "failed")])).toThrow(
      /^Migration 002_b failed earlier and needs a person/,
    );
  });

  it("runs again a migration that was rolled back", () => {
    expect(planMigrations([m("001_a")], [applied("001_a", undefined, "rolled back")]).pending).toEqual([m("001_a")]);
  });
});

describe("the committed migrations", () => {
  const sqliteNames = readMigrations(migrationsDir("sqlite")).map((migration) => migration.name);

  it("exist for both databases under the same names", () => {
    expect(sqliteNames.length).toBeGreaterThan(0);
    expect(readMigrations(migrationsDir("postgresql")).map((migration) => migration.name)).toEqual(sqliteNames);
  });

  it("lead to prisma/schema.prisma: nobody changed the schema without a migration", () => {
    const dir = migrationsDir("sqlite");
    const snapshots = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "schema.prisma"))).sort();
    expect(snapshots.at(-1)).toBe(sqliteNames.at(-1));
    const newest = fs.readFileSync(path.join(dir, snapshots.at(-1)!, "schema.prisma"), "utf8");
    expect(fs.readFileSync("prisma/schema.prisma", "utf8")).toBe(newest);
  });
});

/** A fresh, empty database of each kind this run can reach. */
type Target = { kind: string; url: () => Promise<string> };
const cleanups: (() => Promise<void> | void)[] = [];
const targets: Target[] = [
  {
    kind: "SQLite",
    url: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-migrate-"));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      return `file:${path.join(dir, "nested", "migrate.db")}`;
    },
  },
];
const postgresBase = process.env.TEST_DATABASE_URL;
if (postgresBase?.startsWith("postgres")) {
  targets.push({
    kind: "PostgreSQL",
    url: async () => {
      const schema = `migrate_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: postgresBase });
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.end();
      cleanups.push(async () => {
        const client = new pg.Client({ connectionString: postgresBase });
        await client.connect();
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
        await client.end();
      });
      const url = new URL(postgresBase);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return url.toString();
    },
  });
}

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe.each(targets)("migrateDatabase on $kind", ({ url: freshUrl }) => {
  const [first, second] = readMigrations(migrationsDir("sqlite")).map((migration) => migration.name);

  it("applies every migration once; a second run does nothing", async () => {
    const url = await freshUrl();
    const all = readMigrations(migrationsDir("sqlite")).map((migration) => migration.name);
    expect(await migrateDatabase(url)).toEqual({ applied: all, alreadyApplied: 0, warnings: [] });
    expect(await migrateDatabase(url)).toEqual({ applied: [], alreadyApplied: all.length, warnings: [] });
  });

  it("stops at `upTo`, and a later run migrates forward keeping the rows written in between", async () => {
    expect(second).toBeDefined();
    const url = await freshUrl();
    expect((await migrateDatabase(url, { upTo: first })).applied).toEqual([first]);

    const db = createDb(url);
    try {
      const role = await db.role.create({ data: { name: "librarian", description: "Keeps the books" }, select: { id: true } });
      await db.user.create({
        data: { email: "jo@school.org", firstName: "Jo", lastName: "Bloggs", roles: { connect: [{ id: role.id }] } },
        // Only columns the first migration has: later ones add more to this table.
        select: { id: true },
      });
      // The newer tables do not exist yet.
      await expect(db.auditEvent.count()).rejects.toThrow();
    } finally {
      await db.$disconnect();
    }

    const report = await migrateDatabase(url);
    expect(report.applied).toEqual(readMigrations(migrationsDir("sqlite")).map((migration) => migration.name).slice(1));
    expect(report.alreadyApplied).toBe(1);

    const after = createDb(url);
    try {
      expect(await after.user.findUnique({ where: { email: "jo@school.org" }, select: { firstName: true, roles: { select: { name: true } } } })).toEqual({
        firstName: "Jo",
        roles: [{ name: "librarian" }],
      });
      expect(await after.auditEvent.count()).toBe(0);
    } finally {
      await after.$disconnect();
    }
  });
});
