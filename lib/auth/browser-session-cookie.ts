// "Remember me" off means a browser-session cookie: no Expires, no Max-Age, gone when the
// browser closes. Auth.js does not know that choice: every time its routes read a session
// (GET /api/auth/session, which its client polls) it sets the cookie again with its own
// expiry, REMEMBER_ME_DAYS out. The token records the choice (`remember` in the JWT), and
// this takes the expiry off again for the sessions that were not to be remembered.
import { decode } from "next-auth/jwt";
import { authSecret } from "../config/env.ts";
import { sessionCookieName } from "./session-cookie.ts";

const EXPIRY_ATTRIBUTE = /^\s*(expires|max-age)\s*=/i;

async function remembered(cookieName: string, value: string): Promise<boolean> {
  const secret = authSecret();
  if (!secret) return false;
  try {
    const payload = await decode({ token: value, secret, salt: cookieName });
    return payload?.remember === true;
  } catch {
    return false;
  }
}

/** One Set-Cookie line, without its expiry when it is a live session cookie not to be remembered. */
export async function browserSessionSetCookie(line: string, cookieName = sessionCookieName()): Promise<string> {
  const [pair = "", ...attributes] = line.split(";");
  const separator = pair.indexOf("=");
  if (separator === -1 || pair.slice(0, separator).trim() !== cookieName) return line;
  const value = pair.slice(separator + 1).trim();
  // An empty value is Auth.js clearing the cookie: its expiry in the past must stay.
  if (!value || (await remembered(cookieName, value))) return line;
  return [pair, ...attributes.filter((attribute) => !EXPIRY_ATTRIBUTE.test(attribute))].join(";");
}

/** The response with its session Set-Cookie kept a browser-session cookie where it should be. */
export async function keepBrowserSessionCookie(response: Response): Promise<Response> {
  const lines = response.headers.getSetCookie();
  if (lines.length === 0) return response;
  const kept = await Promise.all(lines.map((line) => browserSessionSetCookie(line)));
  if (kept.every((line, index) => line === lines[index])) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const line of kept) headers.append("set-cookie", line);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
