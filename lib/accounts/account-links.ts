// Password reset and invitation links. The secret is 256 random bits, sent once in the mail
// and stored only as its SHA-256: a database copy opens no account. A link works once, for a
// limited time, and a newer one of the same purpose replaces it; any password change voids
// them all (lib/auth/password-store.ts deletes them).
import { createHash, randomBytes } from "node:crypto";
import { inviteLinkDays, resetLinkMinutes } from "../config/env.ts";
import type { Db } from "../db/client.ts";

export type LinkPurpose = "reset" | "invitation";

type LinkDb = Pick<Db, "accountToken">;

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function linkLifetimeMs(purpose: LinkPurpose): number {
  return purpose === "reset" ? resetLinkMinutes() * 60_000 : inviteLinkDays() * 24 * 3_600_000;
}

/** Makes a new link for the person, voiding their older ones of the same purpose; returns its secret. */
export async function issueLinkToken(db: LinkDb, userId: string, purpose: LinkPurpose, now = new Date()): Promise<string> {
  const token = newLinkToken();
  await db.accountToken.deleteMany({ where: { userId, purpose } });
  await db.accountToken.create({
    data: { userId, purpose, tokenHash: hashLinkToken(token), createdAt: now, expiresAt: new Date(now.getTime() + linkLifetimeMs(purpose)) },
  });
  return token;
}

export type ValidLink = { id: number; purpose: LinkPurpose; user: { id: string; email: string; username: string | null; firstName: string } };

/** The link's person, or null for an unknown, used, replaced or expired link, or an inactive person. */
export async function findValidLink(db: Pick<Db, "accountToken">, token: string, now = new Date()): Promise<ValidLink | null> {
  if (!token || token.length > 200) return null;
  const row = await db.accountToken.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { id: true, purpose: true, expiresAt: true, user: { select: { id: true, email: true, username: true, firstName: true, active: true } } },
  });
  if (!row || row.expiresAt <= now || !row.user.active) return null;
  if (row.purpose !== "reset" && row.purpose !== "invitation") return null;
  const { active: _active, ...user } = row.user;
  return { id: row.id, purpose: row.purpose, user };
}

/** Uses a link up: true for exactly one caller, however many use it at once. */
export async function consumeLink(db: LinkDb, link: Pick<ValidLink, "id">, token: string, now = new Date()): Promise<boolean> {
  const { count } = await db.accountToken.deleteMany({ where: { id: link.id, tokenHash: hashLinkToken(token), expiresAt: { gt: now } } });
  return count === 1;
}

/** Whether the person has an invitation that has not been used (it may have expired). */
export async function hasPendingInvitation(db: LinkDb, userId: string): Promise<boolean> {
  return (await db.accountToken.count({ where: { userId, purpose: "invitation" } })) > 0;
}
