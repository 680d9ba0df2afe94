// Importing staff from CSV (/admin/staff/import, `npm run staff -- import`): first a plan of
// what each row would do — create, update, unchanged, or an error with its reason — then, only
// when no row has an error, all of it in one transaction, audited. The plan is made again
// inside that transaction, so that nothing decided on an older view of the data is applied.
//
// A row names a person by email. Blank cells mean "not given": an existing person keeps that
// field; a new one gets the default (no username, no subject group, the staff role, active).
import { recordAudit, recordAudits, type AuditEntry } from "../../audit/audit-log.ts";
import { assertManager, type Caller } from "../../identity/caller.ts";
import { ADMIN_ROLE, STAFF_ROLE } from "../../identity/current-user.ts";
import { endSessionsOf } from "../../auth/sessions.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction, type Tx } from "../../db/transactions.ts";
import { RuleViolationError } from "../../errors.ts";
import { revokeTokensOf } from "../../tokens/token-service.ts";
import { staffCsvRowSchema, type StaffCsvRow } from "../../validation/staff.ts";
import { searchTextFor } from "../search-text.ts";
import type { StaffCsvColumn } from "./staff-csv-columns.ts";
import { parseStaffCsv, type CsvRow } from "./staff-csv-parse.ts";
import type { SelectedUser } from "../../identity/current-user.ts";

export type RowAction = "create" | "update" | "unchanged" | "error";

export type RowPlan = {
  line: number;
  email: string;
  action: RowAction;
  /** For "update": the columns that change; for "error": why, in words. */
  changes?: StaffCsvColumn[];
  reason?: string;
};

export type CsvPlan =
  | { ok: false; message: string }
  | { ok: true; rows: RowPlan[]; counts: Record<RowAction, number>; subjectGroupsToCreate: string[] };

type Existing = SelectedUser & { subjectGroup: { name: string; nameKey: string } | null };

type Target = { firstName: string; lastName: string; username: string | null; groupKey: string | null; groupName: string | null; roles: string[]; active: boolean };

type Decided =
  | { row: RowPlan & { action: "create" }; target: Target }
  | { row: RowPlan & { action: "update" }; target: Target; before: Existing }
  | { row: RowPlan & { action: "unchanged" | "error" } };

const COLUMN_OF: Record<string, StaffCsvColumn> = {
  email: "email",
  first_name: "first_name",
  last_name: "last_name",
  username: "username",
  subject_group: "subject_group",
  roles: "roles",
  active: "active",
};

const FIRST_NAME_REQUIRED = "first_name: Enter a first name.";
const LAST_NAME_REQUIRED = "last_name: Enter a last name.";
const LAST_ADMIN = "This would leave no active administrator. Keep someone else an active administrator.";

function rowError(line: number, email: string, reason: string): Decided {
  return { row: { line, email, action: "error", reason } };
}

async function chunked<T, R>(items: T[], size: number, read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await read(items.slice(start, start + size))));
  return results;
}

/** Decides every row against the database as `db` (or the transaction) sees it now. */
async function decide(db: Db | Tx, rows: CsvRow[]): Promise<{ decided: Decided[]; subjectGroupsToCreate: string[] }> {
  const parsed = rows.map((row) => ({ row, result: staffCsvRowSchema.safeParse(row.cells) }));
  const emails = parsed.flatMap(({ result }) => (result.success ? [result.data.email] : []));
  const usernames = parsed.flatMap(({ result }) => (result.success && result.data.username ? [result.data.username.toLowerCase()] : []));

  const existing = new Map(
    (
      await chunked(emails, 500, (chunk) =>
        db.user.findMany({
          where: { email: { in: chunk } },
          select: { id: true, email: true, firstName: true, lastName: true, username: true, active: true, subjectGroup: { select: { name: true, nameKey: true } }, roles: { select: { name: true } } },
        }),
      )
    ).map((person) => [person.email, person as Existing]),
  );
  const usernameOwners = new Map(
    (await chunked(usernames, 500, (chunk) => db.user.findMany({ where: { usernameKey: { in: chunk } }, select: { usernameKey: true, email: true } }))).map(
      (person) => [person.usernameKey!, person.email],
    ),
  );
  const knownRoles = new Set((await db.role.findMany({ select: { name: true } })).map((role) => role.name));
  const knownGroups = new Map((await db.subjectGroup.findMany({ select: { name: true, nameKey: true } })).map((group) => [group.nameKey, group.name]));

  const emailLines = new Map<string, number>();
  const usernameLines = new Map<string, number>();
  const newGroups = new Map<string, string>();
  const decided: Decided[] = [];

  for (const { row, result } of parsed) {
    const typedEmail = (row.cells.email ?? "").trim();
    if (!result.success) {
      const reason = result.error.issues.map((issue) => `${COLUMN_OF[String(issue.path[0])] ?? "row"}: ${issue.message}`).join(" ");
      decided.push(rowError(row.line, typedEmail, reason));
      continue;
    }
    const data: StaffCsvRow = result.data;
    const seenOn = emailLines.get(data.email);
    if (seenOn) {
      decided.push(rowError(row.line, data.email, `email: This address is also on line ${seenOn}.`));
      continue;
    }
    emailLines.set(data.email, row.line);

    const before = existing.get(data.email);
    const problems: string[] = [];
    if (data.username) {
      const key = data.username.toLowerCase();
      const owner = usernameOwners.get(key);
      if (owner && owner !== data.email) problems.push("username: Another account already uses this username.");
      const other = usernameLines.get(key);
      if (other) problems.push(`username: The same username is also on line ${other}.`);
      else usernameLines.set(key, row.line);
    }
    const unknownRoles = (data.roles ?? []).filter((role) => !knownRoles.has(role));
    if (unknownRoles.length > 0) problems.push(`roles: Unknown role: ${unknownRoles.join(", ")}.`);
    if (!before && !data.first_name) problems.push(FIRST_NAME_REQUIRED);
    if (!before && !data.last_name) problems.push(LAST_NAME_REQUIRED);
    if (problems.length > 0) {
      decided.push(rowError(row.line, data.email, problems.join(" ")));
      continue;
    }

    let groupKey: string | null | undefined;
    let groupName: string | null | undefined;
    if (data.subject_group) {
      groupKey = data.subject_group.toLowerCase();
      groupName = knownGroups.get(groupKey) ?? newGroups.get(groupKey) ?? data.subject_group;
      if (!knownGroups.has(groupKey)) newGroups.set(groupKey, groupName);
    }

    const target: Target = {
      firstName: data.first_name ?? before?.firstName ?? "",
      lastName: data.last_name ?? before?.lastName ?? "",
      username: data.username ?? before?.username ?? null,
      groupKey: groupKey ?? before?.subjectGroup?.nameKey ?? null,
      groupName: groupName ?? before?.subjectGroup?.name ?? null,
      roles: data.roles ? [...data.roles].sort() : before ? before.roles.map((role) => role.name).sort() : [STAFF_ROLE],
      active: data.active ?? before?.active ?? true,
    };
    if (!before) {
      decided.push({ row: { line: row.line, email: data.email, action: "create" }, target });
      continue;
    }
    const changes: StaffCsvColumn[] = [];
    if (target.firstName !== before.firstName) changes.push("first_name");
    if (target.lastName !== before.lastName) changes.push("last_name");
    if (target.username !== before.username) changes.push("username");
    if (target.groupKey !== (before.subjectGroup?.nameKey ?? null)) changes.push("subject_group");
    if (target.roles.join() !== before.roles.map((role) => role.name).sort().join()) changes.push("roles");
    if (target.active !== before.active) changes.push("active");
    decided.push(
      changes.length > 0
        ? { row: { line: row.line, email: data.email, action: "update", changes }, target, before }
        : { row: { line: row.line, email: data.email, action: "unchanged" } },
    );
  }

  await markLastAdminLoss(db, decided);
  return { decided, subjectGroupsToCreate: [...newGroups.values()].sort() };
}

const isActiveAdmin = (person: { active: boolean; roles: string[] }) => person.active && person.roles.includes(ADMIN_ROLE);
const wasActiveAdmin = (entry: Decided) =>
  "before" in entry && isActiveAdmin({ active: entry.before.active, roles: entry.before.roles.map((role) => role.name) });
const isActiveAdminAfter = (entry: Decided) => "target" in entry && isActiveAdmin(entry.target);

/** The school keeps at least one active administrator: rows that would take the last ones away are errors. */
async function markLastAdminLoss(db: Db | Tx, decided: Decided[]) {
  const losing = decided.filter((entry) => wasActiveAdmin(entry) && !isActiveAdminAfter(entry));
  if (losing.length === 0) return;
  const gaining = decided.filter((entry) => !wasActiveAdmin(entry) && isActiveAdminAfter(entry)).length;
  const admins = await db.user.count({ where: { active: true, roles: { some: { name: ADMIN_ROLE } } } });
  if (admins - losing.length + gaining > 0) return;
  for (const entry of losing) entry.row = { line: entry.row.line, email: entry.row.email, action: "error", reason: LAST_ADMIN } as never;
}

function summarise(decided: Decided[], subjectGroupsToCreate: string[]): CsvPlan {
  const rows = decided.map((entry) => entry.row);
  const counts: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.action]++;
  return { ok: true, rows, counts, subjectGroupsToCreate };
}

/** The preview: what the file would do, without writing anything. */
export async function planStaffCsv(db: Db, caller: Caller, file: Uint8Array): Promise<CsvPlan> {
  assertManager(caller);
  const parsed = parseStaffCsv(file);
  if (!parsed.ok) return parsed;
  const { decided, subjectGroupsToCreate } = await decide(db, parsed.rows);
  return summarise(decided, subjectGroupsToCreate);
}

export type CsvImportResult =
  | { applied: false; plan: CsvPlan }
  | { applied: true; plan: CsvPlan & { ok: true }; created: { id: string; email: string }[] };

class NotApplied extends Error {
  readonly plan: CsvPlan;
  constructor(plan: CsvPlan) {
    super("not applied");
    this.plan = plan;
  }
}

/**
 * Applies the whole file in one transaction, or nothing when any row has an error (the
 * answer then carries the plan, to show). New people have no password: they are invited
 * (`invite`), after the transaction has committed.
 */
export async function importStaffCsv(
  db: Db,
  caller: Caller,
  file: Uint8Array,
  options: { ip?: string | null; invite?: (people: { id: string; email: string }[]) => Promise<unknown> } = {},
): Promise<CsvImportResult> {
  const actor = assertManager(caller);
  const parsed = parseStaffCsv(file);
  if (!parsed.ok) return { applied: false, plan: parsed };
  try {
    const { plan, created } = await inTransaction(
      db,
      async (tx) => {
        const { decided, subjectGroupsToCreate } = await decide(tx, parsed.rows);
        const plan = summarise(decided, subjectGroupsToCreate);
        if (!plan.ok || plan.counts.error > 0) throw new NotApplied(plan);
        const created = await apply(tx, actor, decided, subjectGroupsToCreate, options.ip ?? null);
        return { plan, created };
      },
      { timeoutMs: 120_000 },
    );
    if (options.invite && created.length > 0) await options.invite(created);
    return { applied: true, plan: plan as CsvPlan & { ok: true }, created };
  } catch (error) {
    if (error instanceof NotApplied) return { applied: false, plan: error.plan };
    throw error;
  }
}

async function apply(tx: Tx, actor: ReturnType<typeof assertManager>, decided: Decided[], groupsToCreate: string[], ip: string | null) {
  const audits: AuditEntry[] = [];
  for (const name of groupsToCreate) {
    const group = await tx.subjectGroup.create({ data: { name, nameKey: name.toLowerCase() } });
    audits.push({ action: "subject_group.created", actor, target: null, ip, details: { id: group.id, name, via: "csv" } });
  }
  const groupIds = new Map((await tx.subjectGroup.findMany({ select: { id: true, nameKey: true } })).map((group) => [group.nameKey, group.id]));
  const roleIds = new Map((await tx.role.findMany({ select: { id: true, name: true } })).map((role) => [role.name, role.id]));

  const creates = decided.filter((entry): entry is Extract<Decided, { row: { action: "create" } }> => entry.row.action === "create");
  const created = creates.length
    ? await tx.user.createManyAndReturn({
        data: creates.map(({ row, target }) => ({
          email: row.email,
          firstName: target.firstName,
          lastName: target.lastName,
          username: target.username,
          usernameKey: target.username?.toLowerCase() ?? null,
          active: target.active,
          searchText: searchTextFor({ ...target, email: row.email }),
          subjectGroupId: target.groupKey ? (groupIds.get(target.groupKey) ?? null) : null,
        })),
        select: { id: true, email: true },
      })
    : [];
  const idOf = new Map(created.map((person) => [person.email, person.id]));
  // Roles, one statement per role rather than one per person.
  const members = new Map<string, string[]>();
  for (const { row, target } of creates) {
    for (const role of target.roles) {
      if (!members.has(role)) members.set(role, []);
      members.get(role)!.push(idOf.get(row.email)!);
    }
  }
  // In chunks: a statement may carry only so many parameters (SQLite: 32,766).
  for (const [role, ids] of members) {
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500).map((id) => ({ id }));
      await tx.role.update({ where: { id: roleIds.get(role)! }, data: { users: { connect: chunk } } });
    }
  }
  for (const { row, target } of creates) {
    audits.push({
      action: "staff.created",
      actor,
      target: { id: idOf.get(row.email)!, email: row.email },
      ip,
      details: { roles: target.roles, active: target.active, via: "csv", invited: true },
    });
  }

  for (const entry of decided) {
    if (entry.row.action !== "update" || !("before" in entry)) continue;
    const { row, target, before } = entry;
    const changes = row.changes ?? [];
    await tx.user.update({
      where: { id: before.id },
      data: {
        firstName: target.firstName,
        lastName: target.lastName,
        username: target.username,
        usernameKey: target.username?.toLowerCase() ?? null,
        active: target.active,
        searchText: searchTextFor({ ...target, email: before.email }),
        subjectGroupId: target.groupKey ? (groupIds.get(target.groupKey) ?? null) : null,
        ...(changes.includes("roles") ? { roles: { set: target.roles.map((role) => ({ id: roleIds.get(role)! })) } } : {}),
      },
    });
    const beforeRoles = before.roles.map((role) => role.name).sort();
    const who = { id: before.id, email: before.email };
    const edited = changes.filter((column) => !["roles", "active"].includes(column));
    if (edited.length > 0) audits.push({ action: "staff.updated", actor, target: who, ip, details: { fields: edited, via: "csv" } });
    if (changes.includes("roles")) audits.push({ action: "staff.roles_changed", actor, target: who, ip, details: { from: beforeRoles, to: target.roles, via: "csv" } });
    if (changes.includes("active")) audits.push({ action: target.active ? "staff.reactivated" : "staff.deactivated", actor, target: who, ip, details: { via: "csv" } });
    // Whoever held this person's session or token may no longer be entitled to it.
    if (!target.active || beforeRoles.some((role) => !target.roles.includes(role))) {
      await endSessionsOf(tx, before.id);
      await revokeTokensOf(tx, before.id);
    }
  }

  // Checked again on the data as changed, inside the transaction: two imports at once cannot
  // between them leave the school without an administrator.
  const admins = await tx.user.count({ where: { active: true, roles: { some: { name: ADMIN_ROLE } } } });
  if (admins === 0 && decided.some(wasActiveAdmin)) throw new RuleViolationError(LAST_ADMIN);

  await recordAudits(tx, audits);
  const counts = { created: creates.length, updated: decided.filter((entry) => entry.row.action === "update").length };
  await recordAudit(tx, { action: "staff.csv_imported", actor, target: null, ip, details: { ...counts, rows: decided.length, subjectGroupsCreated: groupsToCreate } });
  return created;
}
