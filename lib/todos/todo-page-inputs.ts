// What the todo page (`/`) is rendered from, read the way the page reads it, for its cache
// (lib/http/personal-page-cache.ts): the session from its cookie (lib/auth/dal.ts reads the
// same cookie, the same rows and applies the same gates), the person the header shows, and
// every field of their list. The page reads nothing else: no other cookie, and no query
// (a request with one is rendered).
import { createHash } from "node:crypto";
import { parseCookie } from "cookie";
import { sessionTokenFromCookie } from "../auth/cookie-session-token.ts";
import { pageRedirectFor } from "../auth/session-gate.ts";
import { sessionCookieName } from "../auth/session-cookie.ts";
import { findSession, touchSession } from "../auth/sessions.ts";
import type { Db } from "../db/client.ts";
import type { PageInputs } from "../http/personal-page-cache.ts";
import { listTodos } from "./todo-service.ts";

export const TODO_PAGE_PATH = "/";

export async function todoPageInputs(db: Db, cookieHeader: string): Promise<PageInputs> {
  const name = sessionCookieName();
  // Kept as sent (no decoding), so that the render gets the very cookie fingerprinted here.
  const value = parseCookie(cookieHeader, { decode: (raw) => raw })[name];
  const sessionToken = value ? await sessionTokenFromCookie(value) : null;
  if (!sessionToken) return null;
  const session = await findSession(db, sessionToken);
  if (!session || (await pageRedirectFor(db, session, TODO_PAGE_PATH))) return { key: sessionToken, fingerprint: null };
  await touchSession(db, sessionToken, session.lastActiveAt);
  // Every field, updatedAt included: a list changed and changed back while a copy was being
  // rendered still has another fingerprint.
  const todos = await listTodos(db, session.user);
  const fingerprint = createHash("sha256").update(JSON.stringify([session.user, todos])).digest("base64url");
  return { key: sessionToken, fingerprint, cookie: `${name}=${value}` };
}
