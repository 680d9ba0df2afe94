#!/bin/sh
# Stand-in for Prisma's native schema engine, which `prisma generate` asks for but never uses.
echo "Staffroom does not use Prisma's schema engine: create migrations with 'npm run db:migration -- <name>' (see docs/decisions/002-migrations.md)." >&2
exit 1
