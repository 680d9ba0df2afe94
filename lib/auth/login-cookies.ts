// The cookies a login step reads and writes in a server action: the session cookie Auth.js
// set, and the HttpOnly cookie of a pending step (lib/auth/two-factor/login-challenge.ts).
import "server-only";
import { cookies } from "next/headers";
import { servedOverHttps } from "../config/env.ts";
import { sessionCookieName } from "./session-cookie.ts";
import { sessionTokenFromCookie } from "./cookie-session-token.ts";
import { CHALLENGE_COOKIES, CHALLENGE_MINUTES, type ChallengePurpose } from "./two-factor/login-challenge.ts";

/** Logging in again replaces the session: the old row would otherwise linger until it expires. */
export async function currentSessionToken(): Promise<string | null> {
  const cookie = (await cookies()).get(sessionCookieName())?.value;
  return cookie ? sessionTokenFromCookie(cookie) : null;
}

// Auth.js gives its cookie an expiry (its session maxAge, here the remember-me length).
// Without "Remember me" the same cookie is re-set without one, so the browser forgets it
// when it closes; the session row itself expires after SESSION_HOURS.
export async function makeSessionCookieEndWithBrowser(): Promise<void> {
  const jar = await cookies();
  const name = sessionCookieName();
  const value = jar.get(name)?.value;
  if (value) jar.set(name, value, { httpOnly: true, sameSite: "lax", secure: servedOverHttps(), path: "/" });
}

// Strict: a pending step is only ever continued from this site's own pages.
export async function setChallengeCookie(purpose: ChallengePurpose, token: string): Promise<void> {
  (await cookies()).set(CHALLENGE_COOKIES[purpose], token, {
    httpOnly: true,
    sameSite: "strict",
    secure: servedOverHttps(),
    path: "/",
    maxAge: CHALLENGE_MINUTES * 60,
  });
}

export async function readChallengeCookie(purpose: ChallengePurpose): Promise<string | undefined> {
  return (await cookies()).get(CHALLENGE_COOKIES[purpose])?.value;
}

export async function clearChallengeCookie(purpose: ChallengePurpose): Promise<void> {
  (await cookies()).delete(CHALLENGE_COOKIES[purpose]);
}
