// Prisma CLI configuration. Only `prisma generate` is used: migrations are created by
// scripts/db/create-migration.ts and applied by lib/db/migrate.ts (docs/decisions/002).
import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI insists on locating its native schema engine even for `generate`, which needs
// none; where that binary cannot be downloaded, a stub that explains the situation will do.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/db/no-schema-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
});
