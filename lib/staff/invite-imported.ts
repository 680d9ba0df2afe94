// Imported people who have no password Staffroom can check (a CSV row, a Flask account in an
// unknown format) get an invitation to choose one (lib/accounts/invitations.ts), sent by mail
// through the outbox. Without SMTP_URL the links are also printed (the command line) or
// returned (the import page shows them) for an administrator to pass on.
import { sendInvitation } from "../accounts/invitations.ts";
import { smtpUrl } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../identity/caller.ts";

export async function inviteImported(
  db: Db,
  people: { id: string; email: string }[],
  out?: NodeJS.WritableStream,
  context: { actor?: Actor; ip?: string | null } = {},
): Promise<{ email: string; link: string }[]> {
  if (people.length === 0) return [];
  const links: { email: string; link: string }[] = [];
  for (const person of people) {
    const { link } = await sendInvitation(db, person.id, context);
    links.push({ email: person.email, link });
    if (!smtpUrl()) out?.write(`Invitation for ${person.email}: ${link}\n`);
  }
  out?.write(`Invited ${people.length} ${people.length === 1 ? "person" : "people"} to choose a password${smtpUrl() ? " (by mail)" : ""}.\n`);
  return links;
}
