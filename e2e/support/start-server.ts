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
// Each process of the server also keeps what it writes to stderr (e2e/support/tee-stderr.mjs):
// this run's copy starts empty.
if (process.env.SERVER_LOG_FILE) {
  fs.mkdirSync(path.dirname(process.env.SERVER_LOG_FILE), { recursive: true });
  fs.writeFileSync(process.env.SERVER_LOG_FILE, "");
}

await import("../../server.ts");
