// "Forgot password?": a reset link by mail, and the page it opens (which also takes
// invitation links). PRODUCT.md: the same answer, in the same time, whether or not the
// account exists or is active; throttled per account and address; a link works once, for
// RESET_LINK_MINUTES; success ends every session and API token of the person.
import { recordAudit } from "../audit/audit-log.ts";
import { hashPassword } from "../auth/password.ts";
import { writePasswordHash } from "../auth/password-store.ts";
import { endSessionsOf } from "../auth/sessions.ts";
import { claimAttempt } from "../auth/throttle.ts";
import { resetLinkMinutes } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { inTransaction, type Tx } from "../db/transactions.ts";
import { NotFoundError, RuleViolationError } from "../errors.ts";
import { describeWait } from "../http/retry-after.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { wakeMailSender } from "../mail/sender.ts";
import { revokeTokensOf } from "../tokens/token-service.ts";
import type { Actor } from "../identity/caller.ts";
import { resetMail } from "./account-mails.ts";
import { consumeLink, findValidLink, issueLinkToken, type LinkPurpose } from "./account-links.ts";
import { accountLink } from "./link-base.ts";
import type { SentLink } from "./invitations.ts";

export const RESET_REQUESTED = "If an account exists for that email, we have sent a link to reset its password.";
export const LINK_UNUSABLE = "This link has expired or has already been used.";

// Reset requests are a throttle scope of their own (a flood of them must not lock anyone's
// login), under the same rules as password guesses.
export const RESET_SCOPE = "forgot-password";

/**
 * The part of a request that must answer in the same time for everyone: the throttle.
 * Throws a RuleViolationError when throttled; otherwise the caller answers RESET_REQUESTED
 * at once and runs `sendResetLinkIfAccountExists` after the answer (Next.js' after()).
 */
export async function admitResetRequest(db: Db, email: string, ip: string): Promise<void> {
  const attempt = await claimAttempt(db, RESET_SCOPE, { account: email, address: ip });
  if (!attempt.allowed) throw new RuleViolationError(`Too many requests. Try again in ${describeWait(attempt.retryAfterSeconds)}.`);
}

async function queueReset(tx: Tx, person: { id: string; email: string; firstName: string }, context: { actor: Actor; ip?: string | null }): Promise<SentLink> {
  const token = await issueLinkToken(tx, person.id, "reset");
  const link = accountLink(token);
  await enqueueMail(tx, resetMail(person, link, resetLinkMinutes()));
  await recordAudit(tx, { action: "password.reset_requested", actor: context.actor, target: { id: person.id, email: person.email }, ip: context.ip, details: { byAdmin: context.actor !== null && context.actor.id !== person.id } });
  return { link };
}

/** Mails a reset link to an active account with that email; for anyone else, nothing. */
export async function sendResetLinkIfAccountExists(db: Db, email: string, ip: string): Promise<void> {
  const person = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, firstName: true, active: true } });
  if (!person?.active) return;
  await inTransaction(db, (tx) => queueReset(tx, person, { actor: { id: person.id, email: person.email }, ip }));
  wakeMailSender();
}

/** "Send password reset" on the edit page: an administrator sends the person a link. */
export async function sendPasswordResetFor(db: Db, personId: string, context: { actor: Actor; ip?: string | null }): Promise<SentLink> {
  const sent = await inTransaction(db, async (tx) => {
    const person = await tx.user.findUnique({ where: { id: personId }, select: { id: true, email: true, firstName: true, active: true } });
    if (!person) throw new NotFoundError("No staff member with that id.");
    if (!person.active) throw new RuleViolationError("This account is inactive: activate it first.");
    return queueReset(tx, person, context);
  });
  wakeMailSender();
  return sent;
}

export class UnusableLinkError extends RuleViolationError {
  constructor() {
    super(LINK_UNUSABLE);
  }
}

/**
 * Sets the password a link's owner chose. The link is used up in the same transaction as
 * the change, so that of two submissions only one succeeds. Every session and API token of
 * the person ends: whoever knew the old password, or held a session, is out.
 */
export async function completeWithLink(db: Db, input: { token: string; password: string; ip: string }): Promise<{ purpose: LinkPurpose; email: string }> {
  const link = await findValidLink(db, input.token);
  if (!link) throw new UnusableLinkError();
  const hash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (!(await consumeLink(tx, link, input.token))) throw new UnusableLinkError();
    const { user } = link;
    await writePasswordHash(tx, user.id, hash);
    const sessions = await endSessionsOf(tx, user.id);
    const tokens = await revokeTokensOf(tx, user.id);
    await recordAudit(tx, {
      action: link.purpose === "reset" ? "password.reset" : "invitation.accepted",
      actor: { id: user.id, email: user.email },
      target: { id: user.id, email: user.email },
      ip: input.ip,
      details: { sessionsEnded: sessions, tokensRevoked: tokens },
    });
    return { purpose: link.purpose, email: user.email };
  });
}
