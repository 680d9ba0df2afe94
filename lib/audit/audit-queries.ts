// Reading the audit log: administrators only, newest first, a page at a time, optionally
// only the entries about one person (as the one who acted, or the one acted upon).
import { assertManager, type Caller } from "../identity/caller.ts";
import type { Db } from "../db/client.ts";
import type { AuditQuery } from "../validation/audit.ts";
import { AUDIT_ACTIONS, type AuditAction } from "./audit-log.ts";

export type AuditPerson = { id: string | null; email: string };

export type AuditEventJson = {
  id: number;
  createdAt: string;
  action: string;
  /** What happened, in words (AUDIT_ACTIONS). */
  label: string;
  /** Null when the system acted (the command line, start-up) or nobody was logged in (a failed login). */
  actor: AuditPerson | null;
  target: AuditPerson | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** How `person` was understood: an existing account, or an email/id with no account (deleted, mistyped). */
export type AuditFilter = { kind: "account"; id: string; email: string } | { kind: "email"; email: string } | { kind: "id"; id: string } | null;

export type AuditPage = { entries: AuditEventJson[]; page: number; pageSize: number; total: number; filter: AuditFilter };

type Row = {
  id: number;
  createdAt: Date;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  targetId: string | null;
  targetEmail: string | null;
  ip: string | null;
  details: string;
};

function parseDetails(details: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(details);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toJson(row: Row): AuditEventJson {
  const person = (id: string | null, email: string | null): AuditPerson | null => (email === null && id === null ? null : { id, email: email ?? "" });
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    action: row.action,
    label: AUDIT_ACTIONS[row.action as AuditAction] ?? row.action,
    actor: person(row.actorId, row.actorEmail),
    target: person(row.targetId, row.targetEmail),
    ip: row.ip,
    details: parseDetails(row.details),
  };
}

async function resolveFilter(db: Db, person: string): Promise<AuditFilter> {
  const wanted = person.trim();
  if (!wanted) return null;
  if (wanted.includes("@")) {
    const email = wanted.toLowerCase();
    const account = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
    return account ? { kind: "account", ...account } : { kind: "email", email: wanted };
  }
  const account = await db.user.findUnique({ where: { id: wanted }, select: { id: true, email: true } });
  return account ? { kind: "account", ...account } : { kind: "id", id: wanted };
}

function whereFor(filter: AuditFilter) {
  if (!filter) return {};
  // An account's entries all carry its id (indexed with createdAt), even from before an
  // email change. Emails are for accounts that no longer exist and for failed logins with
  // an email nobody has, which are stored as typed.
  if (filter.kind === "account" || filter.kind === "id") {
    return { OR: [{ actorId: filter.id }, { targetId: filter.id }] };
  }
  const emails = [...new Set([filter.email, filter.email.toLowerCase()])];
  return { OR: [{ actorEmail: { in: emails } }, { targetEmail: { in: emails } }] };
}

export async function listAuditEvents(db: Db, manager: Caller, { person, page, pageSize }: AuditQuery): Promise<AuditPage> {
  assertManager(manager);
  const filter = await resolveFilter(db, person);
  const where = whereFor(filter);
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { entries: rows.map(toJson), page, pageSize, total, filter };
}
