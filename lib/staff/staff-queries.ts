// Reading staff lists: server-side search and paging, so that 10,000 accounts cost one page.
import { assertManager, type Caller } from "../identity/caller.ts";
import { isAccountLocked } from "../auth/throttle.ts";
import type { Db } from "../db/client.ts";
import { containsPattern } from "../db/like.ts";
import type { ListQuery } from "../validation/list-query.ts";
import { searchNeedle } from "./search-text.ts";
import { staffSelect, toStaffJson, type StaffJson } from "./staff-json.ts";

export type StaffPage = { staff: StaffJson[]; page: number; pageSize: number; total: number };

/**
 * One page of staff in name order, optionally only those whose name, email or username
 * contains `q` (any case). The page is read through the (lastName, firstName) index and
 * only its rows are loaded; a search scans the one short searchText column.
 */
export async function listStaff(db: Db, manager: Caller, { q, page, pageSize }: ListQuery): Promise<StaffPage> {
  assertManager(manager);
  const needle = searchNeedle(q);
  const skip = (page - 1) * pageSize;
  const orderBy = [{ lastName: "asc" as const }, { firstName: "asc" as const }, { id: "asc" as const }];
  if (!needle) {
    const [total, rows] = await Promise.all([
      db.user.count(),
      db.user.findMany({ orderBy, skip, take: pageSize, select: staffSelect }),
    ]);
    return { staff: rows.map(toStaffJson), page, pageSize, total };
  }

  // A search needs an escaped LIKE (lib/db/like.ts): the page's ids first, then its rows.
  const pattern = containsPattern(needle);
  const [counted, matches] = await Promise.all([
    db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS total FROM "staff" WHERE "searchText" LIKE ${pattern} ESCAPE '\\'`,
    db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "staff" WHERE "searchText" LIKE ${pattern} ESCAPE '\\'
      ORDER BY "lastName" ASC, "firstName" ASC, "id" ASC LIMIT ${pageSize} OFFSET ${skip}`,
  ]);
  const ids = matches.map((match) => match.id);
  const rows = ids.length === 0 ? [] : await db.user.findMany({ where: { id: { in: ids } }, orderBy, select: staffSelect });
  return { staff: rows.map(toStaffJson), page, pageSize, total: Number(counted[0]?.total ?? 0) };
}

export type RoleJson = { name: string; description: string };

/** The roles there are, for the Roles checkboxes of the staff form. */
export async function listRoles(db: Db, manager: Caller): Promise<RoleJson[]> {
  assertManager(manager);
  return db.role.findMany({ orderBy: { name: "asc" }, select: { name: true, description: true } });
}

export type StaffAccountState = { openSessions: number; apiTokens: number; loginCount: number; locked: boolean };

/** What the edit page says about an account's access: open sessions, tokens, the login lock. */
export async function getStaffAccountState(db: Db, manager: Caller, id: string, email: string): Promise<StaffAccountState> {
  assertManager(manager);
  const now = new Date();
  const [openSessions, apiTokens, user, locked] = await Promise.all([
    db.session.count({ where: { userId: id, expires: { gt: now } } }),
    db.apiToken.count({ where: { userId: id, expiresAt: { gt: now } } }),
    db.user.findUnique({ where: { id }, select: { loginCount: true } }),
    isAccountLocked(db, email),
  ]);
  return { openSessions, apiTokens, loginCount: user?.loginCount ?? 0, locked };
}
