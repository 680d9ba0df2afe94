// What the todo page (`/`) is rendered from, for its cache (lib/http/personal-page-cache.ts):
// the session and the person the header shows (lib/auth/page-session.ts), and every field of
// their list. The page reads nothing else: no other cookie, and no query (a request with one
// is rendered).
import { pageSessionFrom } from "../auth/page-session.ts";
import type { Db } from "../db/client.ts";
import { fingerprintOf, type PageInputs } from "../http/personal-page-cache.ts";
import { listTodos } from "./todo-service.ts";

export const TODO_PAGE_PATH = "/";

export async function todoPageInputs(db: Db, cookieHeader: string): Promise<PageInputs> {
  const session = await pageSessionFrom(db, cookieHeader, TODO_PAGE_PATH);
  if (!session) return null;
  const { sessionToken: key, cookie, user } = session;
  if (!user) return { key, fingerprint: null };
  // Every field, updatedAt included: a list changed and changed back while a copy was being
  // rendered still has another fingerprint.
  return { key, cookie, fingerprint: fingerprintOf([user, await listTodos(db, user)]) };
}
