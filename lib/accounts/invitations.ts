// Invitations: a person created without a password gets a link (INVITE_LINK_DAYS, 7) to
// choose their own on /reset-password, headed "Choose your password". Used by the admin
// screens, the API, the command line (`create … --invite`) and the CSV import.
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../identity/caller.ts";
import { inviteLinkDays } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { inTransaction, type Tx } from "../db/transactions.ts";
import { NotFoundError, RuleViolationError } from "../errors.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { wakeMailSender } from "../mail/sender.ts";
import { invitationMail } from "./account-mails.ts";
import { issueLinkToken } from "./account-links.ts";
import { accountLink } from "./link-base.ts";

export type InvitedPerson = { id: string; email: string; firstName: string };

/** What the caller may show an administrator when there is no SMTP server to send it. */
export type SentLink = { link: string };

type Context = { actor?: Actor; ip?: string | null; again?: boolean };

/**
 * Queues an invitation inside the caller's transaction (it commits with the account).
 * Call wakeMailSender() after the commit, or use sendInvitation.
 */
export async function queueInvitation(tx: Tx | Db, person: InvitedPerson, context: Context = {}): Promise<SentLink> {
  const token = await issueLinkToken(tx, person.id, "invitation");
  const link = accountLink(token);
  await enqueueMail(tx, invitationMail(person, link, inviteLinkDays()));
  await tx.user.update({ where: { id: person.id }, data: { invitedAt: new Date() } });
  await recordAudit(tx, { action: "staff.invited", actor: context.actor ?? null, target: { id: person.id, email: person.email }, ip: context.ip, details: { again: context.again === true } });
  return { link };
}

export const ALREADY_HAS_PASSWORD = "This person has already chosen a password: send a password reset instead.";

/**
 * Sends (again) an invitation to someone who has no password yet; a newer invitation voids
 * the older link. Refused for people who have a password: they get a reset instead.
 */
export async function sendInvitation(db: Db, personId: string, context: Context = {}): Promise<SentLink> {
  const sent = await inTransaction(db, async (tx) => {
    const person = await tx.user.findUnique({ where: { id: personId }, select: { id: true, email: true, firstName: true, password: { select: { userId: true } } } });
    if (!person) throw new NotFoundError("No staff member with that id.");
    if (person.password) throw new RuleViolationError(ALREADY_HAS_PASSWORD);
    return queueInvitation(tx, person, context);
  });
  wakeMailSender();
  return sent;
}
