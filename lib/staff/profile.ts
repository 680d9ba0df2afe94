// A person's own account, as /api/v1/me and token creation show it to them.
import type { CurrentUser } from "../identity/current-user.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { staffSelect, toStaffJson, type StaffJson } from "./staff-json.ts";

export async function getOwnProfile(db: Db, user: CurrentUser): Promise<StaffJson> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: staffSelect });
  if (!row) throw new NotFoundError("Your account no longer exists.");
  return toStaffJson(row);
}
