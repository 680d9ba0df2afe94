// prisma/postgresql/schema.prisma is derived from prisma/schema.prisma: Prisma fixes the
// provider per schema file, so PostgreSQL needs a copy that differs in provider and output.
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

const SQLITE_PROVIDER = /provider\s*=\s*"sqlite"/;
const SQLITE_OUTPUT = 'output       = "../lib/db/generated/sqlite"';

export function toPostgresSchema(source: string): string {
  // Both must be found: a schema with only one replaced would be a wrong schema, silently.
  if (!SQLITE_PROVIDER.test(source) || !source.includes(SQLITE_OUTPUT)) {
    throw new Error(`${SQLITE_SCHEMA}: could not find the sqlite provider and client output to replace`);
  }
  const replaced = source
    .replace(SQLITE_PROVIDER, 'provider = "postgresql"')
    .replace(SQLITE_OUTPUT, 'output       = "../../lib/db/generated/postgresql"');
  return `// GENERATED from ${SQLITE_SCHEMA} by scripts/db/postgres-schema.ts: edit that file instead.\n\n${replaced}`;
}

export function writePostgresSchema(root = process.cwd()): string {
  const source = fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8");
  const target = path.join(root, POSTGRES_SCHEMA);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, toPostgresSchema(source));
  return target;
}
