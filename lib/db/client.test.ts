import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/test-db.ts";
import { postgresSchemaOf } from "./client.ts";

describe("postgresSchemaOf", () => {
  it("reads the schema a URL's search_path option selects", () => {
    expect(postgresSchemaOf("postgresql://u@h/db?options=-c%20search_path%3Dtest_abc")).toBe("test_abc");
    expect(postgresSchemaOf("postgresql://u@h/db?options=-c+search_path%3Dtenant1%2Cpublic")).toBe("tenant1");
    expect(postgresSchemaOf("postgresql://u@h/db?sslmode=require&options=-c%20statement_timeout%3D5%20-c%20search_path%3Dx")).toBe("x");
  });

  it("leaves the default schema alone when none is chosen", () => {
    expect(postgresSchemaOf("postgresql://u@h/db")).toBeUndefined();
    expect(postgresSchemaOf("postgresql://u@h/db?options=-c%20statement_timeout%3D5")).toBeUndefined();
  });
});

describe("createTestDb", () => {
  const opened: TestDb[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((testDb) => testDb.drop()));
  });

  it("gives each test its own migrated database, with the built-in roles, that others do not see", async () => {
    const first = await createTestDb();
    opened.push(first);
    const second = await createTestDb();
    opened.push(second);
    expect((await first.db.role.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((role) => role.name)).toEqual(["admin", "staff"]);
    await first.db.subjectGroup.create({ data: { name: "Science", nameKey: "science" } });
    expect(await first.db.subjectGroup.count()).toBe(1);
    expect(await second.db.subjectGroup.count()).toBe(0);
  });
});
