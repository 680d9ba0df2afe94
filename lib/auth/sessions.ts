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

/** Where a login came from, shown on /account/sessions. */
export type SessionOrigin = { userAgent?: string | null; ip?: string | null };

/**
 * Creates the row for a new login; each login gets a new token (no session fixation). A
 * sign-in counts as a confirmation (lib/auth/reauth.ts).
 */
export async function startSession(db: Db, userId: string, remember: boolean, origin: SessionOrigin = {}): Promise<{ sessionToken: string; expires: Date }> {
  const adapter = PrismaAdapter(db);
  const now = new Date();
  const session = await adapter.createSession!({
    sessionToken: randomBytes(32).toString("base64url"),
    userId,
    expires: new Date(now.getTime() + sessionLifetimeMs(remember)),
    // The adapter passes the row's other columns through to Prisma.
    ...({ confirmedAt: now, lastActiveAt: now, userAgent: origin.userAgent?.slice(0, 512) ?? null, ip: origin.ip ?? null } as object),
  });
  // Housekeeping: this person's expired sessions are of no use to anyone.
  await db.session.deleteMany({ where: { userId, expires: { lt: new Date() } } });
  return { sessionToken: session.sessionToken, expires: session.expires };
}

export const SESSION_OWNER_SQL = `SELECT x."expires", x."confirmedAt", x."lastActiveAt", p."mustChange", ${IDENTITY_SQL.columns}
  FROM "sessions" x JOIN "staff" s ON s."id" = x."userId" LEFT JOIN "passwords" p ON p."userId" = s."id" ${IDENTITY_SQL.joinRoles}
  WHERE x."sessionToken" = ?`;

export type LiveSession = {
  user: CurrentUser;
  /** The last sign-in or re-authentication, if any. */
  confirmedAt: Date | null;
  lastActiveAt: Date | null;
  /** The person holds a temporary password and must choose a new one first. */
  mustChangePassword: boolean;
};

const asFlag = (value: unknown) => value === true || value === 1 || value === 1n;
const asDate = (value: unknown) => (value == null ? null : new Date(asTime(value as never)));

/**
 * The session behind a token, or null if it was revoked, expired, or its person was
 * deactivated. On every request with a cookie, so it reads through the direct path.
 */
export async function findSession(db: Db, sessionToken: string): Promise<LiveSession | null> {
  const rows = await directReaderFor(db).all(SESSION_OWNER_SQL, [sessionToken]);
  if (rows.length === 0 || asTime(rows[0]!.expires) <= Date.now()) return null;
  const user = currentUserFromRows(rows);
  if (!user) return null;
  const first = rows[0]!;
  return { user, confirmedAt: asDate(first.confirmedAt), lastActiveAt: asDate(first.lastActiveAt), mustChangePassword: asFlag(first.mustChange) };
}

export async function findSessionUser(db: Db, sessionToken: string): Promise<CurrentUser | null> {
  return (await findSession(db, sessionToken))?.user ?? null;
}

/** "Last active" is written at most once a minute, so that reading a session stays a read. */
export const LAST_ACTIVE_GRANULARITY_MS = 60_000;

export async function touchSession(db: Db, sessionToken: string, lastActiveAt: Date | null, now = new Date()): Promise<void> {
  if (lastActiveAt && now.getTime() - lastActiveAt.getTime() < LAST_ACTIVE_GRANULARITY_MS) return;
  await db.session.updateMany({ where: { sessionToken }, data: { lastActiveAt: now } });
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
