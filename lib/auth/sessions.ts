// Server-side login sessions. The browser's cookie (an Auth.js JWT) carries only the
// session's random token; the row is looked up on every request, so deleting it (logout,
// password change, deactivation, "log out everywhere") ends that session at once.
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { rememberMeDays, shortSessionHours } from "../config/env.ts";
import { directReaderFor, type Db } from "../db/client.ts";
import { asTime } from "../db/direct-reads.ts";
import { currentUserFromRows, IDENTITY_SQL, type CurrentUser } from "../identity/current-user.ts";

export function sessionLifetimeMs(remember: boolean): number {
  return remember ? rememberMeDays() * 24 * 3600 * 1000 : shortSessionHours() * 3600 * 1000;
}

/** Creates the row for a new login; each login gets a new token (no session fixation). */
export async function startSession(db: Db, userId: string, remember: boolean): Promise<{ sessionToken: string; expires: Date }> {
  const adapter = PrismaAdapter(db);
  const session = await adapter.createSession!({
    sessionToken: randomBytes(32).toString("base64url"),
    userId,
    expires: new Date(Date.now() + sessionLifetimeMs(remember)),
  });
  // Housekeeping: this person's expired sessions are of no use to anyone.
  await db.session.deleteMany({ where: { userId, expires: { lt: new Date() } } });
  return { sessionToken: session.sessionToken, expires: session.expires };
}

export const SESSION_OWNER_SQL = `SELECT x."expires", ${IDENTITY_SQL.columns}
  FROM "sessions" x JOIN "staff" s ON s."id" = x."userId" ${IDENTITY_SQL.joinRoles}
  WHERE x."sessionToken" = ?`;

/**
 * The person behind a session token, or null if it was revoked, expired, or they were
 * deactivated. On every request with a cookie, so it reads through the direct path.
 */
export async function findSessionUser(db: Db, sessionToken: string): Promise<CurrentUser | null> {
  const rows = await directReaderFor(db).all(SESSION_OWNER_SQL, [sessionToken]);
  if (rows.length === 0 || asTime(rows[0]!.expires) <= Date.now()) return null;
  return currentUserFromRows(rows);
}

export async function endSession(db: Db, sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}

/** Ends every session of a person, optionally keeping the one they are using. */
export async function endSessionsOf(db: Pick<Db, "session">, userId: string, options: { except?: string } = {}): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(options.except ? { sessionToken: { not: options.except } } : {}) },
  });
  return count;
}
