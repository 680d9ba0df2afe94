// The data-access layer's gate: every page, server action and route handler asks here who
// is calling, and nowhere else. middleware.ts only redirects early; a request that skips or
// fools it still meets these checks. `get*` may return null, `require*` never returns
// without a user (it redirects to /login or answers 403).
import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { decode } from "next-auth/jwt";
import { db } from "../db/client.ts";
import { sessionCookieName } from "./auth.ts";
import { safeCallbackPath } from "./callback-url.ts";
import type { CurrentUser } from "./current-user.ts";
import { findSessionUser } from "./sessions.ts";

export const PATH_HEADER = "x-staffroom-path";

export type CurrentSession = { user: CurrentUser; sessionToken: string };

/** The session id inside an Auth.js session cookie, or null if it does not decrypt or has expired. */
export async function sessionTokenFromCookie(cookieValue: string): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  try {
    const payload = await decode({ token: cookieValue, secret, salt: sessionCookieName() });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

/** Once per request (React's cache), however many components ask. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const cookie = (await cookies()).get(sessionCookieName())?.value;
  const sessionToken = cookie ? await sessionTokenFromCookie(cookie) : null;
  if (!sessionToken) return null;
  const user = await findSessionUser(db, sessionToken);
  return user ? { user, sessionToken } : null;
});

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getCurrentSession())?.user ?? null;
}

async function loginRedirect(): Promise<never> {
  const path = safeCallbackPath((await headers()).get(PATH_HEADER));
  redirect(path === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(path)}`);
}

export async function requireSession(): Promise<CurrentSession> {
  return (await getCurrentSession()) ?? loginRedirect();
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
