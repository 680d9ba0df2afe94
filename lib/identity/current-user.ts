// The shape of "who is asking", as every page, action and route handler sees it.
import { joinRolesSql } from "../db/sql-names.ts";

export type CurrentUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  roles: string[];
  isAdmin: boolean;
};

export const ADMIN_ROLE = "admin";
export const STAFF_ROLE = "staff";

/** The columns a CurrentUser is made of: the only user fields identity checks read. */
export const currentUserSelect = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  username: true,
  active: true,
  roles: { select: { name: true } },
} as const;

/** The row currentUserSelect reads; StaffRow (lib/staff/staff-json.ts) extends it. */
export type SelectedUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  active: boolean;
  roles: { name: string }[];
};

/** Null for inactive staff: they can neither log in nor use a session or token. */
export function toCurrentUser(user: SelectedUser | null | undefined): CurrentUser | null {
  if (!user || !user.active) return null;
  const roles = user.roles.map((role) => role.name).sort();
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    roles,
    isAdmin: roles.includes(ADMIN_ROLE),
  };
}

/**
 * The identity part of the hot path's SQL (lib/db/direct-reads.ts): the person's columns and,
 * through a LEFT JOIN, one row per role. `s` is the staff table's alias.
 */
export const IDENTITY_SQL = {
  columns: `s."id", s."email", s."firstName", s."lastName", s."username", s."active", r."name" AS "role"`,
  joinRoles: joinRolesSql("s", "r"),
} as const;

/** Folds the one-row-per-role result of IDENTITY_SQL back into one person (null for none or inactive). */
export function currentUserFromRows(rows: Record<string, unknown>[]): CurrentUser | null {
  const first = rows[0];
  if (!first) return null;
  return toCurrentUser({
    id: String(first.id),
    email: String(first.email),
    firstName: String(first.firstName),
    lastName: String(first.lastName),
    username: first.username == null ? null : String(first.username),
    active: first.active === true || first.active === 1 || first.active === 1n,
    roles: rows.filter((row) => row.role != null).map((row) => ({ name: String(row.role) })),
  });
}
