// The benchmark's ceiling: the least any server could do to answer GET /api/v1/todos for a
// bearer token. Plain node:http, no framework, prepared statements straight on the driver
// (better-sqlite3 on the app's SQLite file, or pg on the app's PostgreSQL database), the
// same lookups as the app (token hash → token row ⋈ staff, roles, then the owner's todos in
// list order) and the same JSON. What it leaves out on purpose: the app's other
// credentials (Basic, cookie), lastUsedAt bookkeeping (once a minute per token in the app),
// security headers and error pages. bench/README.md explains how it is used.
//
//   DATABASE_URL=file:/tmp/x.db PORT=3652 node --import tsx bench/ceiling-server.ts
import { createHash } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { QueryResultRow } from "pg";
import { ROLES_SQL, TODOS_SQL, TOKEN_SQL } from "./ceiling-sql.ts";

type TokenOwner = { expiresAt: Date; id: string; email: string; firstName: string; lastName: string; username: string | null; active: boolean; roles: string[] };
type TodoRow = { id: number; title: string; completed: boolean | number; order: number; createdAt: Date | string; updatedAt: Date | string };
type Store = { tokenOwner: (tokenHash: string) => Promise<TokenOwner | null>; todosOf: (ownerId: string) => Promise<TodoRow[]> };


async function sqliteStore(url: string): Promise<Store> {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(url.replace(/^file:/, "").split("?")[0]!, { fileMustExist: true });
  // The app's pragmas (lib/db/sqlite-adapter.ts).
  for (const pragma of ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON", "busy_timeout = 5000"]) sqlite.pragma(pragma);
  const positional = (sql: string) => sqlite.prepare(sql.replace(/\$\d+/g, "?"));
  const token = positional(TOKEN_SQL);
  const roles = positional(ROLES_SQL).pluck();
  const todos = positional(TODOS_SQL);
  return {
    tokenOwner: async (tokenHash) => {
      const row = token.get(tokenHash) as (Omit<TokenOwner, "expiresAt" | "active" | "roles"> & { expiresAt: string; active: number }) | undefined;
      if (!row) return null;
      return { ...row, expiresAt: new Date(row.expiresAt), active: row.active === 1, roles: roles.all(row.id) as string[] };
    },
    todosOf: async (ownerId) => todos.all(ownerId) as TodoRow[],
  };
}

async function postgresStore(url: string): Promise<Store> {
  const { default: pg } = await import("pg");
  // timestamp(3) without time zone holds UTC (Prisma's convention); pg would read it as local time.
  const types = { getTypeParser: ((oid: number, format?: "text") => (oid === 1114 ? (value: string) => new Date(`${value}Z`) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10), types });
  // Named statements: pg prepares each once per connection, like Prisma's adapter.
  const query = async <T>(name: string, text: string, values: unknown[]) => (await pool.query<T & QueryResultRow>({ name, text, values })).rows;
  return {
    tokenOwner: async (tokenHash) => {
      const [row] = await query<Omit<TokenOwner, "roles">>("token", TOKEN_SQL, [tokenHash]);
      if (!row) return null;
      const roles = await query<{ name: string }>("roles", ROLES_SQL, [row.id]);
      return { ...row, roles: roles.map((role) => role.name) };
    },
    todosOf: (ownerId) => query<TodoRow>("todos", TODOS_SQL, [ownerId]),
  };
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function send(response: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  response.end(json);
}

async function main() {
  const url = process.env.DATABASE_URL ?? "";
  const store = url.startsWith("file:") ? await sqliteStore(url) : await postgresStore(url);
  const unauthorized = { error: { code: "unauthorized", message: "The token is unknown, expired or revoked." } };

  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/api/v1/todos") return send(response, 404, { error: { code: "not_found", message: "Nothing exists at this address." } });
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    if (!match) return send(response, 401, unauthorized);
    const tokenHash = createHash("sha256").update(match[1]!).digest("hex");
    (async () => {
      const owner = await store.tokenOwner(tokenHash);
      if (!owner || !owner.active || owner.expiresAt.getTime() <= Date.now()) return send(response, 401, unauthorized);
      const rows = await store.todosOf(owner.id);
      const todos = rows.map((row) => ({
        id: row.id,
        title: row.title,
        completed: Boolean(row.completed),
        order: row.order,
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
      }));
      send(response, 200, { todos });
    })().catch((error: unknown) => {
      console.error(error);
      send(response, 500, { error: { code: "internal", message: "Internal error." } });
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = Number(process.env.PORT) || 3652;
  server.listen(port, "127.0.0.1", () => console.log(`[ceiling] ready on http://127.0.0.1:${port}`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(`[ceiling] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
