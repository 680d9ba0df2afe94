// The session cookie's name, in one place: the middleware, Auth.js, the data-access layer
// and the tests all read it from here. Over HTTPS it carries the `__Host-` prefix, so that a
// browser only accepts it with Secure, Path=/ and no Domain: no sibling subdomain can plant
// or shadow it (docs/decisions/001-sessions.md).
import { servedOverHttps } from "../config/env.ts";

export const SESSION_COOKIE_BASE = "staffroom.session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE_BASE}`;

/** Every name the cookie may have, whichever way the app is served. */
export const SESSION_COOKIE_NAMES = [SESSION_COOKIE_BASE, SECURE_SESSION_COOKIE] as const;

export function sessionCookieName(): string {
  return servedOverHttps() ? SECURE_SESSION_COOKIE : SESSION_COOKIE_BASE;
}

const anyName = SESSION_COOKIE_NAMES.map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|");

/** A Cookie request header that carries a session cookie (empty or not). */
export const SENDS_SESSION_COOKIE = new RegExp(`(?:^|;\\s*)(?:${anyName})=`);

/** A Set-Cookie line (or several joined by commas) that sets a session cookie with a value. */
export const SETS_SESSION_COOKIE = new RegExp(`(?:^|,)\\s*(?:${anyName})=[^;]`);
