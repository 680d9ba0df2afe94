// The session a page request carries, read from its Cookie header exactly as the data-access
// layer reads it for a page (lib/auth/dal.ts: the same cookie, the same session row, the same
// gates, and "last active" touched the same way), for the pages kept per session
// (lib/http/personal-page-cache.ts), which are answered before Next.js.
import { parseCookie } from "cookie";
import type { CurrentUser } from "../identity/current-user.ts";
import type { Db } from "../db/client.ts";
import { sessionTokenFromCookie } from "./cookie-session-token.ts";
import { pageRedirectFor } from "./session-gate.ts";
import { sessionCookieName } from "./session-cookie.ts";
import { findSession, touchSession } from "./sessions.ts";

export type PageSession = {
  sessionToken: string;
  /** The session cookie alone, as sent: all a render of the page needs. */
  cookie: string;
  /** The person, or null when this session may not see the page (ended, or sent elsewhere first). */
  user: CurrentUser | null;
};

/** Null when the request carries no session cookie of ours. */
export async function pageSessionFrom(db: Db, cookieHeader: string, pathname: string): Promise<PageSession | null> {
  const name = sessionCookieName();
  // Kept as sent (no decoding), so that a render gets the very cookie that was read here.
  const value = parseCookie(cookieHeader, { decode: (raw) => raw })[name];
  const sessionToken = value ? await sessionTokenFromCookie(value) : null;
  if (!sessionToken) return null;
  const cookie = `${name}=${value}`;
  const session = await findSession(db, sessionToken);
  if (!session || (await pageRedirectFor(db, session, pathname))) return { sessionToken, cookie, user: null };
  await touchSession(db, sessionToken, session.lastActiveAt);
  return { sessionToken, cookie, user: session.user };
}
