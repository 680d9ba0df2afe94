// Starts one production server for the suite on a fresh database: the SQLite file is
// deleted, or the PostgreSQL schema dropped, before server.ts migrates it from nothing.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const url = process.env.DATABASE_URL!;
if (url.startsWith("file:")) {
  const file = url.slice("file:".length);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  await client.end();
}
await import("../../server.ts");
