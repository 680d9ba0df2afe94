// Re-authentication (OWASP ASVS 7.5): sensitive changes (your sessions, two-factor settings,
// creating an API token, changing the password) need a sign-in or confirmation within
// REAUTH_MINUTES, recorded on the session row as confirmedAt. Older than that, the page
// sends the person to /account/confirm, which sends them back when they have confirmed.
import "server-only";
import { redirect } from "next/navigation";
import { reauthMinutes } from "../config/env.ts";
import { db } from "../db/client.ts";
import { safeCallbackPath } from "./callback-url.ts";
import { requireSession, type CurrentSession } from "./dal.ts";
import { isRecentlyConfirmed, markSessionConfirmed } from "./confirmation.ts";

export { isRecentlyConfirmed, markSessionConfirmed };

export const CONFIRM_PATH = "/account/confirm";

/** The confirmation page's address, coming back to `returnTo` (a same-origin path) after. */
export function confirmUrl(returnTo: string): string {
  return `${CONFIRM_PATH}?next=${encodeURIComponent(safeCallbackPath(returnTo))}`;
}

/**
 * For pages and actions behind re-authentication: the session when it was confirmed
 * recently enough, else a redirect to /account/confirm?next=<returnTo>.
 */
export async function requireRecentConfirmation(returnTo: string): Promise<CurrentSession> {
  const session = await requireSession();
  if (!isRecentlyConfirmed(session.confirmedAt, reauthMinutes())) redirect(confirmUrl(returnTo));
  return session;
}

/** Records a confirmation (a password, or a second factor) on the current session. */
export async function confirmCurrentSession(session: Pick<CurrentSession, "sessionToken">): Promise<void> {
  await markSessionConfirmed(db, session.sessionToken);
}
