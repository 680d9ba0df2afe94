import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, toPostgresSchema } from "./postgres-schema.ts";

const source = fs.readFileSync(SQLITE_SCHEMA, "utf8");

describe("toPostgresSchema", () => {
  it("changes only the provider and the client's output directory", () => {
    const [header, blank, ...body] = toPostgresSchema(source).split("\n");
    expect(header).toMatch(/^\/\/ GENERATED from prisma\/schema\.prisma/);
    expect(blank).toBe("");
    const original = source.split("\n");
    expect(body).toHaveLength(original.length);
    const changed = body.flatMap((line, i) => (line === original[i] ? [] : [[original[i], line]]));
    expect(changed).toEqual([
      ['  output       = "../lib/db/generated/sqlite"', '  output       = "../../lib/db/generated/postgresql"'],
      ['  provider = "sqlite"', '  provider = "postgresql"'],
    ]);
  });

  it("is what prisma/postgresql/schema.prisma holds (run npm run db:generate after editing the schema)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(toPostgresSchema(source));
  });

  it("refuses a schema it cannot convert, rather than writing a wrong one", () => {
    expect(() => toPostgresSchema(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/could not find the sqlite provider/);
    expect(() => toPostgresSchema(source.replace("generated/sqlite", "generated/elsewhere"))).toThrow(/could not find/);
  });
});
