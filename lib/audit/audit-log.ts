// The audit log: who did what to whom, and when (PRODUCT.md, "Security promises").
import type { Db } from "../db/client.ts";
import type { Actor } from "../identity/caller.ts";

export const AUDIT_ACTIONS = {
  "staff.created": "Account created",
  "staff.updated": "Account edited",
  "staff.roles_changed": "Roles changed",
  "staff.deactivated": "Account deactivated",
  "staff.reactivated": "Account reactivated",
  "staff.deleted": "Account deleted",
  "staff.password_set": "Password set by an administrator",
  "staff.unlocked": "Login lock lifted",
  "address.unlocked": "Address unlocked",
  "staff.sessions_revoked": "Logged out everywhere",
  "staff.imported": "Account imported from a Flask application",
  "staff.csv_imported": "Staff CSV imported",
  "password.changed": "Password changed by its owner",
  "login.succeeded": "Login succeeded",
  "login.failed": "Login failed",
  "login.throttled": "Login refused: too many failed attempts",
  "signup.completed": "Signed up",
  "staff.invited": "Invitation sent",
  "password.reset_requested": "Password reset link sent",
  "password.reset": "Password reset with a link",
  "invitation.accepted": "Invitation accepted",
  "sessions.ended_by_owner": "Sessions ended by their owner",
  "mail.failed": "Mail could not be sent",
  "two_factor.enabled": "Two-factor authentication turned on",
  "two_factor.disabled": "Two-factor authentication turned off",
  "two_factor.recovery_codes_replaced": "New recovery codes made",
  "two_factor.reset": "Two-factor authentication reset by an administrator",
  "passkey.added": "Passkey added",
  "passkey.renamed": "Passkey renamed",
  "passkey.removed": "Passkey removed",
  "settings.changed": "Settings changed",
  "subject_group.created": "Subject group created",
  "subject_group.updated": "Subject group renamed",
  "subject_group.deleted": "Subject group deleted",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditEntry = {
  action: AuditAction;
  actor: Actor;
  target?: { id: string | null; email: string } | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

// The log is read by every administrator and kept for ever: a secret must never reach it.
// Entries describe *that* a password changed, never the password; a key that looks like a
// secret is a programming error, refused loudly rather than written.
const SECRET_KEY = /password|passwd|hash|secret|^token$/i;

function assertNoSecrets(value: unknown, path = "details"): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) throw new Error(`Audit details must not carry a secret (${path}.${key}).`);
      assertNoSecrets(inner, `${path}.${key}`);
    }
  }
}

function auditRow(entry: AuditEntry) {
  assertNoSecrets(entry.details ?? {});
  return {
    action: entry.action,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    targetId: entry.target?.id ?? null,
    targetEmail: entry.target?.email ?? null,
    ip: entry.ip ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
}

/** Writes one entry; pass the transaction client so that it commits with the change itself. */
export async function recordAudit(db: Pick<Db, "auditEvent">, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({ data: auditRow(entry) });
}

/** Many entries in one statement (a CSV import's thousands of rows). */
export async function recordAudits(db: Pick<Db, "auditEvent">, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.auditEvent.createMany({ data: entries.map(auditRow) });
}
