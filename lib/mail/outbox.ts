// The mail outbox (docs/decisions/013-accounts.md): a request only adds a row, in its own
// transaction, so that sending never blocks it and a message is never lost; a sender
// (lib/mail/sender.ts) claims one row at a time, sends it, and marks it sent, or schedules a
// retry with exponential backoff. The claim is a conditional UPDATE that only one caller
// can win, so that several instances sharing a PostgreSQL database never send a message twice.
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/audit-log.ts";
import { openSecret, sealSecret } from "../auth/secret-box.ts";
import { mailMaxAttempts, mailRetryBaseMs } from "../config/env.ts";
import type { Db } from "../db/client.ts";

export type OutgoingMail = {
  /** What it is, for the log and the audit log: "reset", "invitation", ... */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one link the mail carries, printed in the server log when there is no SMTP server. */
  link?: string;
  /** The account it concerns. */
  userId?: string | null;
};

export type ClaimedMail = OutgoingMail & { id: number; claimId: string; attempts: number; createdAt: Date };

// The bodies carry one-time links: sealed at rest, like other secrets Staffroom keeps.
const BODY_PURPOSE = "mail-outbox-body";

type Body = Pick<OutgoingMail, "text" | "html" | "link">;

const sealBody = (body: Body) => sealSecret(Buffer.from(JSON.stringify(body), "utf8"), BODY_PURPOSE);

function openBody(sealed: string): Body | null {
  const plain = openSecret(sealed, BODY_PURPOSE);
  if (!plain) return null;
  return JSON.parse(plain.toString("utf8")) as Body;
}

type OutboxDb = Pick<Db, "outboxMail">;

/** Adds a message; pass the transaction client so that it commits with the change it is about. */
export async function enqueueMail(db: OutboxDb, mail: OutgoingMail, now = new Date()): Promise<number> {
  const row = await db.outboxMail.create({
    data: {
      kind: mail.kind,
      recipient: mail.to,
      subject: mail.subject,
      body: sealBody({ text: mail.text, html: mail.html, link: mail.link }),
      userId: mail.userId ?? null,
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  return row.id;
}

export type OutboxSettings = {
  /** How long a claim holds before another sender may take the message (a crashed sender). */
  leaseMs: number;
  /** The first retry's delay; each further one doubles it, up to an hour. */
  retryBaseMs: number;
  maxAttempts: number;
};

export function outboxSettings(): OutboxSettings {
  return { leaseMs: 5 * 60_000, retryBaseMs: mailRetryBaseMs(), maxAttempts: mailMaxAttempts() };
}

export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

const due = (now: Date) => ({
  sentAt: null,
  failedAt: null,
  nextAttemptAt: { lte: now },
  OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
});

/**
 * Claims the oldest message that is due, or returns null. Reading the candidates and
 * claiming one are separate statements: the claim repeats the "due and unclaimed" condition,
 * so that of two senders racing for a row exactly one updates it (PostgreSQL re-checks the
 * condition on the row the winner committed; SQLite runs one writer at a time).
 */
export async function claimNextMail(db: OutboxDb, settings: OutboxSettings = outboxSettings(), now = new Date()): Promise<ClaimedMail | null> {
  const candidates = await db.outboxMail.findMany({ where: due(now), orderBy: { id: "asc" }, take: 5, select: { id: true } });
  for (const { id } of candidates) {
    const claimId = randomUUID();
    const { count } = await db.outboxMail.updateMany({
      where: { id, ...due(now) },
      data: { claimId, claimedUntil: new Date(now.getTime() + settings.leaseMs), attempts: { increment: 1 } },
    });
    if (count !== 1) continue;
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    const body = openBody(row.body);
    if (!body) {
      // Sealed under another AUTH_SECRET: it can never be sent.
      await db.outboxMail.update({ where: { id }, data: { failedAt: now, claimId: null, claimedUntil: null, lastError: "The message cannot be read (AUTH_SECRET changed?)." } });
      console.error(`[mail] message ${id} (${row.kind} to ${row.recipient}) cannot be read: AUTH_SECRET changed since it was queued; given up`);
      continue;
    }
    return { id, claimId, attempts: row.attempts, createdAt: row.createdAt, kind: row.kind, to: row.recipient, subject: row.subject, userId: row.userId, ...body };
  }
  return null;
}

/** Marks a claimed message sent and forgets its body (its link is of no use to anyone now). */
export async function markSent(db: OutboxDb, mail: ClaimedMail, now = new Date()): Promise<void> {
  await db.outboxMail.updateMany({
    where: { id: mail.id, claimId: mail.claimId },
    data: { sentAt: now, body: "", claimId: null, claimedUntil: null, lastError: null },
  });
}

export type FailureOutcome = { retryAt: Date } | { gaveUp: true };

/**
 * A send failed: retry later with backoff, or give up after maxAttempts. Every failure is
 * logged; the first and the last are also audited, so that administrators see them without
 * one entry per retry.
 */
export async function markFailed(
  db: Pick<Db, "outboxMail" | "auditEvent">,
  mail: ClaimedMail,
  error: unknown,
  settings: OutboxSettings = outboxSettings(),
  now = new Date(),
): Promise<FailureOutcome> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const gaveUp = mail.attempts >= settings.maxAttempts;
  const retryAt = new Date(now.getTime() + retryDelayMs(mail.attempts, settings.retryBaseMs));
  await db.outboxMail.updateMany({
    where: { id: mail.id, claimId: mail.claimId },
    data: { claimId: null, claimedUntil: null, lastError: message, ...(gaveUp ? { failedAt: now, body: "" } : { nextAttemptAt: retryAt }) },
  });
  console.warn(
    `[mail] sending ${mail.kind} mail ${mail.id} to ${mail.to} failed (attempt ${mail.attempts}): ${message}; ` +
      (gaveUp ? "given up" : `retrying at ${retryAt.toISOString()}`),
  );
  if (mail.attempts === 1 || gaveUp) {
    await recordAudit(db, {
      action: "mail.failed",
      actor: null,
      target: { id: mail.userId ?? null, email: mail.to },
      details: { kind: mail.kind, attempt: mail.attempts, error: message, retrying: !gaveUp },
    });
  }
  return gaveUp ? { gaveUp: true } : { retryAt };
}

/** When the next message becomes due, for a sender deciding how long to sleep. */
export async function nextDueAt(db: OutboxDb): Promise<Date | null> {
  const next = await db.outboxMail.findFirst({ where: { sentAt: null, failedAt: null }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true, claimedUntil: true } });
  if (!next) return null;
  return next.claimedUntil && next.claimedUntil > next.nextAttemptAt ? next.claimedUntil : next.nextAttemptAt;
}
