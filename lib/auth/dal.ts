// The data-access layer's gate: every page, server action and route handler asks here who
// is calling, and nowhere else. middleware.ts only redirects early; a request that skips or
// fools it still meets these checks. `get*` may return null, `require*` never returns
// without a user (it redirects to /login or answers 403).
import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db/client.ts";
import { sessionCookieName } from "./session-cookie.ts";
import { sessionTokenFromCookie } from "./cookie-session-token.ts";
import { safeCallbackPath } from "./callback-url.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { pageRedirectFor } from "./session-gate.ts";
import { findSession, touchSession } from "./sessions.ts";

export const PATH_HEADER = "x-staffroom-path";

export type CurrentSession = {
  user: CurrentUser;
  sessionToken: string;
  /** The last sign-in or re-authentication (lib/auth/reauth.ts). */
  confirmedAt: Date | null;
  /** A temporary password: every page but /account/password sends there (requireSession). */
  mustChangePassword: boolean;
};

/** Once per request (React's cache), however many components ask. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const cookie = (await cookies()).get(sessionCookieName())?.value;
  const sessionToken = cookie ? await sessionTokenFromCookie(cookie) : null;
  if (!sessionToken) return null;
  const session = await findSession(db, sessionToken);
  if (!session) return null;
  await touchSession(db, sessionToken, session.lastActiveAt);
  return { user: session.user, sessionToken, confirmedAt: session.confirmedAt, mustChangePassword: session.mustChangePassword };
});

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getCurrentSession())?.user ?? null;
}

/** The page being asked for (set by middleware.ts; for a server action, the page it was posted from). */
export async function currentPath(): Promise<string> {
  return safeCallbackPath((await headers()).get(PATH_HEADER));
}

async function loginRedirect(): Promise<never> {
  const path = await currentPath();
  redirect(path === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(path)}`);
}

/**
 * A signed-in person who may see the page asked for: anyone else is sent where they must go
 * first (a temporary password, the two-factor policy: lib/auth/session-gate.ts).
 */
export async function requireSession(): Promise<CurrentSession> {
  const session = (await getCurrentSession()) ?? (await loginRedirect());
  const elsewhere = await pageRedirectFor(db, session, new URL(await currentPath(), "http://x").pathname);
  if (elsewhere) redirect(elsewhere);
  return session;
}

export async function requireUser(): Promise<CurrentUser> {
  return (await requireSession()).user;
}

/** For admin pages and actions: anyone else gets the 403 page (app/forbidden.tsx). */
export async function requireRole(role: string): Promise<CurrentUser> {
  const user = await requireUser();
  if (!user.roles.includes(role)) forbidden();
  return user;
}
