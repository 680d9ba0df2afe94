// Substring search with LIKE, the same on SQLite and PostgreSQL. Prisma's `contains` passes
// `%` and `_` through as wildcards (someone searching for "_" would match everyone), so
// searches that matter build their own pattern and say `ESCAPE '\'`, which both databases
// understand.

/** `%needle%` with the needle's own `\`, `%` and `_` escaped by a backslash. */
export function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
