// `npm run db:generate`: derives the PostgreSQL schema and generates both Prisma clients.
import { execFileSync } from "node:child_process";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, writePostgresSchema } from "./postgres-schema.ts";

writePostgresSchema();
for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  execFileSync("npx", ["--no-install", "prisma", "generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"] });
}
console.log("Generated the SQLite and PostgreSQL Prisma clients in lib/db/generated/.");
