// prisma/postgresql/schema.prisma is derived from prisma/schema.prisma: Prisma fixes the
// provider per schema file, so PostgreSQL needs a copy that differs in provider and output.
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

export function toPostgresSchema(source: string): string {
  const replaced = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgresql"');
  if (replaced === source || !replaced.includes("generated/postgresql")) {
    throw new Error(`${SQLITE_SCHEMA}: could not find the sqlite provider and client output to replace`);
  }
  return `// GENERATED from ${SQLITE_SCHEMA} by scripts/db/postgres-schema.ts: edit that file instead.\n\n${replaced}`;
}

export function writePostgresSchema(root = process.cwd()): string {
  const source = fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8");
  const target = path.join(root, POSTGRES_SCHEMA);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, toPostgresSchema(source));
  return target;
}
