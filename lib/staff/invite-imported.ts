// Imported people who have no password Staffroom can check (a CSV row, a Flask account in an
// unknown format) get an invitation to choose one.
// TODO(issue 12): send them the accounts issue's invitation (its sendInvitation and mail
// outbox) once it is on main; until then they are listed for an administrator to invite.
import type { Db } from "../db/client.ts";

export async function inviteImported(_db: Db, people: { id: string; email: string }[], out?: NodeJS.WritableStream): Promise<void> {
  if (people.length === 0) return;
  const named = people.slice(0, 5).map((person) => person.email).join(", ");
  out?.write(`To invite (no password yet): ${people.length} (${named}${people.length > 5 ? ", …" : ""})\n`);
}
