// Names that Prisma chose and that the hand-written SQL (the direct reads, the benchmark)
// must spell the same way. Prisma's implicit many-to-many table is named "_" + the
// relation's name, and its columns A and B hold the ids of the two models in alphabetical
// order of the models' names: A = Role, B = User. lib/db/sql-names.test.ts checks these
// and every table and column the hand-written SQL names against Prisma's model metadata.
export const ROLE_MEMBERS = { table: "_RoleToUser", roleId: "A", userId: "B" } as const;

/**
 * `LEFT JOIN`s from the staff row aliased `staffAlias` to its roles, one row per role, the
 * roles table aliased `roleAlias` (no row when the person has none).
 */
export function joinRolesSql(staffAlias: string, roleAlias: string): string {
  const { table, roleId, userId } = ROLE_MEMBERS;
  const link = `${roleAlias}_link`;
  return `LEFT JOIN "${table}" ${link} ON ${link}."${userId}" = ${staffAlias}."id" LEFT JOIN "roles" ${roleAlias} ON ${roleAlias}."id" = ${link}."${roleId}"`;
}

/** ORDER BY for a list of column names, ascending, on the table aliased `alias`. */
export const orderBySql = (alias: string, columns: readonly string[]) => `ORDER BY ${columns.map((column) => `${alias}."${column}" ASC`).join(", ")}`;
