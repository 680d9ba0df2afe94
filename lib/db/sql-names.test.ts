// Every table and column the hand-written SQL names must be one Prisma knows: the direct
// reads' statements and the benchmark's are read apart here and checked against the
// client's model metadata, so that a renamed field or relation fails this test rather than
// the hot path in production.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GIVE_STAFF_ROLE_SQL, ROLES_SQL, TODOS_SQL, TOKEN_SQL } from "../../bench/ceiling-sql.ts";
import { SESSION_OWNER_SQL } from "../auth/sessions.ts";
import { STAFF_PAGE_SQL, STAFF_SEARCH_SQL } from "../staff/staff-queries.ts";
import { createTestDb, type TestDb } from "../testing/test-db.ts";
import { LIST_SQL } from "../todos/todo-service.ts";
import { TOKEN_OWNER_SQL } from "../tokens/token-service.ts";
import { kindOf } from "./client.ts";
import { ROLE_MEMBERS } from "./sql-names.ts";

type RuntimeField = { name: string; kind: string; type: string; relationName?: string };
type RuntimeModel = { fields: RuntimeField[]; dbName: string | null };
type RuntimeDataModel = { models: Record<string, RuntimeModel> };

const STATEMENTS = {
  SESSION_OWNER_SQL,
  TOKEN_OWNER_SQL,
  LIST_SQL,
  // The page's count names no column (COUNT(*) FROM "staff"): the search's count, the same with a WHERE, is checked.
  "STAFF_PAGE_SQL.people": STAFF_PAGE_SQL.people,
  "STAFF_PAGE_SQL.roles": STAFF_PAGE_SQL.roles,
  ...Object.fromEntries(Object.entries(STAFF_SEARCH_SQL).map(([name, sql]) => [`STAFF_SEARCH_SQL.${name}`, sql])),
  TOKEN_SQL,
  ROLES_SQL,
  TODOS_SQL,
  GIVE_STAFF_ROLE_SQL,
};

/** The columns of every table Prisma maps, implicit many-to-many tables included. */
function tablesOf(dataModel: RuntimeDataModel): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  const relations = new Map<string, string[]>();
  for (const [name, model] of Object.entries(dataModel.models)) {
    tables.set(model.dbName ?? name, new Set(model.fields.filter((field) => field.kind === "scalar").map((field) => field.name)));
    for (const field of model.fields) {
      if (field.kind === "object" && field.relationName) relations.set(field.relationName, [...(relations.get(field.relationName) ?? []), name]);
    }
  }
  // Prisma's implicit many-to-many tables are "_" + the relation's name, columns A and B.
  // The metadata does not say which relations are implicit many-to-many, so every relation
  // between two models gets one here; the database check below refuses those that are not.
  for (const [relation, models] of relations) {
    if (new Set(models).size === 2) tables.set(`_${relation}`, new Set(["A", "B"]));
  }
  return tables;
}

/**
 * The (table, column) pairs a statement names. The house style keeps this simple: every
 * table has an alias, every column is qualified by one, output names follow AS, and an
 * INSERT lists its columns. Anything else quoted is reported as unqualified.
 */
function namesIn(sql: string): { pairs: [string, string][]; unqualified: string[] } {
  const pairs: [string, string][] = [];
  let rest = sql.replace(/'[^']*'/g, "''");
  rest = rest.replace(/INSERT INTO "(\w+)" \(([^)]*)\)/g, (_, table: string, columns: string) => {
    for (const column of columns.matchAll(/"(\w+)"/g)) pairs.push([table, column[1]!]);
    return "";
  });
  const aliases = new Map<string, string>();
  rest = rest.replace(/(FROM|JOIN|,)\s*"(\w+)"\s+(?!ON\b|WHERE\b)(\w+)/g, (_, keyword: string, table: string, alias: string) => {
    aliases.set(alias, table);
    return keyword;
  });
  rest = rest.replace(/\bAS "\w+"/g, "");
  rest = rest.replace(/(\w+)\."(\w+)"/g, (_, alias: string, column: string) => {
    pairs.push([aliases.get(alias) ?? `(unknown alias ${alias})`, column]);
    return "";
  });
  return { pairs, unqualified: [...rest.matchAll(/"(\w+)"/g)].map((match) => match[1]!) };
}

let testDb: TestDb;
let dataModel: RuntimeDataModel;
let tables: Map<string, Set<string>>;

/** The columns the migrated database really has, for the same (table, column) pairs. */
async function databaseHas(table: string, column: string): Promise<boolean> {
  const rows =
    kindOf(testDb.db) === "sqlite"
      ? await testDb.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info(?)`, table)
      : await testDb.db.$queryRawUnsafe<{ name: string }[]>(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, table);
  return rows.some((row) => row.name === column);
}

beforeAll(async () => {
  testDb = await createTestDb();
  // The client's own copy of the schema (the generated client's runtimeDataModel).
  dataModel = (testDb.db as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel;
  tables = tablesOf(dataModel);
});
afterAll(() => testDb.drop());

describe("the names hand-written SQL uses", () => {
  it("finds the implicit role membership table where Prisma puts it", async () => {
    // "_" + the relation's name; A holds the id of the model whose name sorts first.
    const relation = ROLE_MEMBERS.table.slice(1);
    const models = Object.entries(dataModel.models).filter(([, model]) => model.fields.some((field) => field.relationName === relation));
    expect(models.map(([name]) => name).sort()).toEqual(["Role", "User"]);
    expect([ROLE_MEMBERS.roleId, ROLE_MEMBERS.userId]).toEqual(["A", "B"]);
    expect(await databaseHas(ROLE_MEMBERS.table, ROLE_MEMBERS.roleId)).toBe(true);
  });

  it.each(Object.entries(STATEMENTS))("%s names only tables and columns of the schema", async (_, sql) => {
    const { pairs, unqualified } = namesIn(sql);
    expect(unqualified, "every column qualified by its table's alias").toEqual([]);
    expect(pairs.length).toBeGreaterThan(0);
    const unknown = pairs.filter(([table, column]) => !tables.get(table)?.has(column)).map((pair) => pair.join("."));
    expect(unknown, "names Prisma's models do not have").toEqual([]);
    const missing = [];
    for (const [table, column] of pairs) if (!(await databaseHas(table, column))) missing.push(`${table}.${column}`);
    expect(missing, "names the migrated database does not have").toEqual([]);
  });

  it("reads a statement apart as the checks above assume", () => {
    expect(namesIn(`SELECT x."a" AS "b" FROM "t" x JOIN "u" y ON y."c" = x."d" WHERE "e" = 'f "g"'`)).toEqual({
      pairs: [["t", "a"], ["u", "c"], ["t", "d"]],
      unqualified: ["e"],
    });
  });
});
