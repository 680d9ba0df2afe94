// What the staff list (`/admin/staff`, no query) is rendered from, for its cache
// (lib/http/personal-page-cache.ts): the administrator's session and the person the header
// shows (lib/auth/page-session.ts), and the first page of staff with the total, as the page
// reads them (listStaff, STAFF_PAGE_SIZE). Anyone who is not an administrator gets the
// page's own 403, rendered.
import { pageSessionFrom } from "../auth/page-session.ts";
import type { Db } from "../db/client.ts";
import { fingerprintOf, type PageInputs } from "../http/personal-page-cache.ts";
import { ADMIN_ROLE } from "../identity/current-user.ts";
import { listQueryFrom } from "../validation/list-query.ts";
import { listStaff, STAFF_PAGE_SIZE } from "./staff-queries.ts";

export const STAFF_PAGE_PATH = "/admin/staff";

export async function staffPageInputs(db: Db, cookieHeader: string): Promise<PageInputs> {
  const session = await pageSessionFrom(db, cookieHeader, STAFF_PAGE_PATH);
  if (!session) return null;
  const { sessionToken: key, cookie, user } = session;
  if (!user?.roles.includes(ADMIN_ROLE)) return { key, fingerprint: null };
  return { key, cookie, fingerprint: fingerprintOf([user, await listStaff(db, user, listQueryFrom({}, STAFF_PAGE_SIZE))]) };
}
