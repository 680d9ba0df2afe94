// "Your sessions" (/account/sessions): a person sees their live sessions and ends any but
// the one they are using, or all the others at once.
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { describeUserAgent } from "./user-agent.ts";

export type OwnSession = {
  id: string;
  browser: string;
  system: string;
  ip: string | null;
  signedInAt: Date;
  lastActiveAt: Date | null;
  current: boolean;
};

export async function listOwnSessions(db: Db, user: CurrentUser, currentToken: string, now = new Date()): Promise<OwnSession[]> {
  const rows = await db.session.findMany({
    where: { userId: user.id, expires: { gt: now } },
    orderBy: [{ lastActiveAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: { id: true, sessionToken: true, userAgent: true, ip: true, createdAt: true, lastActiveAt: true },
  });
  const sessions = rows.map((row) => ({
    id: row.id,
    ...describeUserAgent(row.userAgent),
    ip: row.ip,
    signedInAt: row.createdAt,
    lastActiveAt: row.lastActiveAt,
    current: row.sessionToken === currentToken,
  }));
  // This device first.
  return [...sessions.filter((session) => session.current), ...sessions.filter((session) => !session.current)];
}

type Context = { currentToken: string; ip: string };

/** Ends one of the person's other sessions (never the current one: that is Log out). */
export async function endOwnSession(db: Db, user: CurrentUser, sessionId: string, context: Context): Promise<void> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId: user.id, sessionToken: { not: context.currentToken } } });
  if (count === 0) throw new NotFoundError("That session has already ended.");
  await recordAudit(db, { action: "sessions.ended_by_owner", actor: { id: user.id, email: user.email }, target: { id: user.id, email: user.email }, ip: context.ip, details: { sessions: 1 } });
}

export async function endOtherOwnSessions(db: Db, user: CurrentUser, context: Context): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId: user.id, sessionToken: { not: context.currentToken } } });
  await recordAudit(db, { action: "sessions.ended_by_owner", actor: { id: user.id, email: user.email }, target: { id: user.id, email: user.email }, ip: context.ip, details: { sessions: count } });
  return count;
}
