// PostgreSQL for the suites that need it: SCALE_DATABASE_URL names a server (CI starts a
// throwaway cluster with .ci/postgres.sh); each suite gets a database of its own there.
import pg from "pg";

export function postgresBaseUrl(): string {
  const base = process.env.SCALE_DATABASE_URL;
  if (!base?.startsWith("postgres")) {
    throw new Error("These tests need PostgreSQL: set SCALE_DATABASE_URL=postgresql://user@host:port (see .ci/run).");
  }
  const url = new URL(base);
  url.pathname = "";
  return url.toString().replace(/\/$/, "");
}

/** Drops and re-creates database `name` and returns its URL. */
export async function freshPostgresDatabase(name: string): Promise<string> {
  const base = postgresBaseUrl();
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return `${base}/${name}`;
}
