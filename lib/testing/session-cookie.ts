// A session as a browser holds it: a session row and the Cookie header that names it (with an
// unrelated cookie beside it, as browsers send), for tests of what reads a request's cookie.
import { encode } from "next-auth/jwt";
import { startSession } from "../auth/sessions.ts";
import { sessionCookieName } from "../auth/session-cookie.ts";
import { authSecret } from "../config/env.ts";
import type { Db } from "../db/client.ts";

export async function browserSession(db: Db, userId: string): Promise<{ sessionToken: string; cookieHeader: string; cookie: string }> {
  const { sessionToken } = await startSession(db, userId, false);
  const value = await encode({ token: { sub: userId, sid: sessionToken }, secret: authSecret()!, salt: sessionCookieName(), maxAge: 3600 });
  const cookie = `${sessionCookieName()}=${value}`;
  return { sessionToken, cookie, cookieHeader: `theme=dark; ${cookie}` };
}
