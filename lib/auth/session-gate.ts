// Where a signed-in person may not go yet, in one place: the data-access layer redirects by
// it on every page (lib/auth/dal.ts), and the todo page's cache (lib/todos/todo-page-inputs.ts)
// serves nothing it would redirect.
import type { Db } from "../db/client.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { SECURITY_PAGE_PATH, needsTwoFactorSetup } from "./two-factor/policy.ts";

/** Where a person with a temporary password is sent, and the pages they may still see. */
export const CHANGE_PASSWORD_PATH = "/account/password";
const OPEN_WITH_TEMPORARY_PASSWORD = new Set([CHANGE_PASSWORD_PATH, "/account/confirm"]);
// /account/confirm too: the security page may ask for a confirmation first.
const OPEN_WITHOUT_TWO_FACTOR = new Set([SECURITY_PAGE_PATH, "/account/confirm"]);

/**
 * The page this session must see instead of `pathname`, or null when it may see it: with a
 * temporary password only /account/password (PRODUCT.md, "A password set by an administrator
 * ... is temporary"), and under the policy at /admin/settings nothing but the security page
 * until the person has two-factor.
 */
export async function pageRedirectFor(
  db: Db,
  session: { user: CurrentUser; mustChangePassword: boolean },
  pathname: string,
): Promise<string | null> {
  if (session.mustChangePassword && !OPEN_WITH_TEMPORARY_PASSWORD.has(pathname)) return CHANGE_PASSWORD_PATH;
  if (OPEN_WITHOUT_TWO_FACTOR.has(pathname)) return null;
  return (await needsTwoFactorSetup(db, session.user)) ? SECURITY_PAGE_PATH : null;
}
