// What an Auth.js session cookie holds: the id of its session row (lib/auth/sessions.ts).
import { LRUCache } from "lru-cache";
import { decode } from "next-auth/jwt";
import { authSecret } from "../config/env.ts";
import { sessionCookieName } from "./session-cookie.ts";

// Decrypting the cookie (a JWE: key derivation, AES, HMAC) cost more CPU per request than
// everything else in an API read (docs/decisions/008). What it decrypts to never changes for
// a given cookie and secret, so recent answers are kept. The session row is still looked up
// on every request: revocation stays immediate. Each answer is kept until the cookie's own
// expiry (a minute for one that does not decrypt); the least recently used go first.
const decoded = new LRUCache<string, { sid: string | null }>({ max: 10_000 });

/** The session id inside an Auth.js session cookie, or null if it does not decrypt or has expired. */
export async function sessionTokenFromCookie(cookieValue: string): Promise<string | null> {
  const secret = authSecret();
  if (!secret) return null;
  const known = decoded.get(cookieValue);
  if (known) return known.sid;
  let sid: string | null = null;
  let expiresAt = Date.now() + 60_000;
  try {
    const payload = await decode({ token: cookieValue, secret, salt: sessionCookieName() });
    sid = typeof payload?.sid === "string" ? payload.sid : null;
    if (typeof payload?.exp === "number") expiresAt = payload.exp * 1000;
  } catch {
    sid = null;
  }
  const ttl = expiresAt - Date.now();
  if (ttl > 0) decoded.set(cookieValue, { sid }, { ttl });
  return sid;
}

