// Staff accounts: the one place where they are created, changed and deleted, used alike by
// the admin screens, the API, the command line and start-up. Every function checks its
// caller first (only administrators, or the system itself, manage accounts) and enforces
// the account rules inside the same transaction as the change, with its audit entry.
import { queueInvitation, type SentLink } from "../accounts/invitations.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { assertManager, type Caller } from "../identity/caller.ts";
import { ADMIN_ROLE } from "../identity/current-user.ts";
import { hashPassword } from "../auth/password.ts";
import { writePasswordHash } from "../auth/password-store.ts";
import { endSessionsOf } from "../auth/sessions.ts";
import { unlockAccount } from "../auth/throttle.ts";
import type { Db } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { inTransaction, type Tx } from "../db/transactions.ts";
import { ConflictError, NotFoundError, RuleViolationError } from "../errors.ts";
import { wakeMailSender } from "../mail/sender.ts";
import { revokeTokensOf } from "../tokens/token-service.ts";
import { sameAsIdentity } from "../validation/fields.ts";
import { searchTextFor } from "./search-text.ts";
import { staffSelect, toStaffJson, type StaffJson } from "./staff-json.ts";

export type StaffInput = {
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  subjectGroupId: number | null;
  roles: string[];
  active: boolean;
};

export type StaffChanges = Partial<StaffInput> & { password?: string | null };

type AuditContext = { ip?: string | null };
type PasswordContext = {
  /**
   * Whether a password given here is temporary (its owner must change it at the next login).
   * A password an administrator sets always is; for the system (command line, start-up,
   * tests) the caller says: the CLI and a generated first password are, ADMIN_PASSWORD is not.
   */
  temporaryPassword?: boolean;
};
type CreateContext = AuditContext & PasswordContext & { auditAction?: "staff.created" | "signup.completed" };

/** PRODUCT.md: "A password set by an administrator (form, API or CLI) is temporary". */
function isTemporary(manager: Caller, context: PasswordContext & { auditAction?: string }): boolean {
  if (context.auditAction === "signup.completed") return false;
  return manager !== "system" || context.temporaryPassword === true;
}

const SAME_AS_IDENTITY = "Do not use the email address or username as the password.";
const EMAIL_TAKEN = "Another account already uses this email address.";
const USERNAME_TAKEN = "Another account already uses this username.";

async function roleIds(tx: Tx, names: string[]): Promise<{ id: number }[]> {
  const unique = [...new Set(names)];
  const roles = await tx.role.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } });
  const unknown = unique.filter((name) => !roles.some((role) => role.name === name));
  if (unknown.length > 0) throw new RuleViolationError(`Unknown role: ${unknown.join(", ")}.`, { roles: [`Unknown role: ${unknown.join(", ")}.`] });
  return roles.map(({ id }) => ({ id }));
}

async function assertSubjectGroupExists(tx: Tx, id: number | null | undefined) {
  if (id == null) return;
  if (!(await tx.subjectGroup.findUnique({ where: { id }, select: { id: true } }))) {
    throw new RuleViolationError("That subject group does not exist.", { subjectGroupId: ["Choose a subject group from the list."] });
  }
}

async function assertUnique(tx: Tx, input: { email?: string; username?: string | null }, exceptId?: string) {
  const fields: Record<string, string[]> = {};
  if (input.email) {
    const other = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (other && other.id !== exceptId) fields.email = [EMAIL_TAKEN];
  }
  if (input.username) {
    const other = await tx.user.findUnique({ where: { usernameKey: input.username.toLowerCase() }, select: { id: true } });
    if (other && other.id !== exceptId) fields.username = [USERNAME_TAKEN];
  }
  if (Object.keys(fields).length > 0) throw new ConflictError(Object.values(fields)[0]![0]!, fields);
}

/** What would take an active administrator away: each with its own message, on its field. */
type AdminLoss = "roles" | "active" | "delete";

const LAST_ADMIN_MESSAGES: Record<AdminLoss, string> = {
  roles: "This is the last active administrator: they cannot lose the admin role. Make someone else an administrator first.",
  active: "This is the last active administrator: they cannot be deactivated. Make someone else an administrator first.",
  delete: "This is the last active administrator: they cannot be deleted. Make someone else an administrator first.",
};

const isActiveAdmin = (person: { active: boolean; roles: readonly string[] }) => person.active && person.roles.includes(ADMIN_ROLE);

/**
 * The rule that keeps the school administrable: at least one active administrator. Checked
 * after the change, inside its (serializable) transaction, and only when the change takes an
 * active administrator away, so that two administrators demoting each other at once cannot
 * both succeed, while repairs of a school with no active administrator stay possible.
 */
async function assertAnActiveAdminRemains(tx: Tx, loss: AdminLoss) {
  const admins = await tx.user.count({ where: { active: true, roles: { some: { name: ADMIN_ROLE } } } });
  if (admins === 0) {
    const message = LAST_ADMIN_MESSAGES[loss];
    throw new RuleViolationError(message, loss === "delete" ? undefined : { [loss]: [message] });
  }
}

function translateUniqueViolation(error: unknown): never {
  if (isUniqueViolation(error, "username") || isUniqueViolation(error, "usernameKey")) {
    throw new ConflictError(USERNAME_TAKEN, { username: [USERNAME_TAKEN] });
  }
  if (isUniqueViolation(error)) throw new ConflictError(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  throw error;
}

export async function createStaff(
  db: Db,
  manager: Caller,
  input: StaffInput & { password: string | null },
  context: CreateContext = {},
): Promise<StaffJson> {
  return (await createStaffAndInvite(db, manager, input, context)).user;
}

/**
 * Creates an account. Without a password the person is invited (a link by mail, to choose
 * their own); `invitation` is that link, for an administrator to pass on when no mail
 * server is configured. An inactive person is invited when they are activated and an
 * administrator sends the invitation again.
 */
export async function createStaffAndInvite(
  db: Db,
  manager: Caller,
  input: StaffInput & { password: string | null },
  context: CreateContext = {},
): Promise<{ user: StaffJson; invitation: SentLink | null }> {
  const actor = assertManager(manager);
  // Without a password the person is invited to choose one.
  const hash = input.password ? await hashPassword(input.password) : null;
  try {
    const result = await inTransaction(db, async (tx) => {
      await assertUnique(tx, input);
      await assertSubjectGroupExists(tx, input.subjectGroupId);
      const user = await tx.user.create({
        data: {
          email: input.email,
          firstName: input.firstName,
          lastName: input.lastName,
          username: input.username,
          usernameKey: input.username?.toLowerCase() ?? null,
          active: input.active,
          searchText: searchTextFor(input),
          subjectGroupId: input.subjectGroupId,
          roles: { connect: await roleIds(tx, input.roles) },
          invitedAt: hash ? null : new Date(),
        },
        select: { id: true },
      });
      if (hash) await writePasswordHash(tx, user.id, hash, { temporary: isTemporary(manager, context) });
      const created = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: staffSelect });
      await recordAudit(tx, {
        action: context.auditAction ?? "staff.created",
        actor: actor ?? (context.auditAction === "signup.completed" ? { id: user.id, email: created.email } : null),
        target: { id: user.id, email: created.email },
        ip: context.ip,
        details: { roles: [...input.roles].sort(), active: input.active, subjectGroupId: input.subjectGroupId, invited: !hash },
      });
      const invitation = !hash && input.active ? await queueInvitation(tx, created, { actor, ip: context.ip }) : null;
      return { user: toStaffJson(created), invitation };
    });
    if (result.invitation) wakeMailSender();
    return result;
  } catch (error) {
    translateUniqueViolation(error);
  }
}

export async function getStaff(db: Db, manager: Caller, id: string): Promise<StaffJson> {
  assertManager(manager);
  const user = await db.user.findUnique({ where: { id }, select: staffSelect });
  if (!user) throw new NotFoundError("No staff member with that id.");
  return toStaffJson(user);
}

export async function findStaffByEmail(db: Db, manager: Caller, email: string): Promise<StaffJson> {
  assertManager(manager);
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: staffSelect });
  if (!user) throw new NotFoundError(`No staff member with the email ${email}.`);
  return toStaffJson(user);
}

/**
 * Applies any subset of changes. Deactivating someone, taking a role away or setting their
 * password ends their sessions and API tokens at once. `password: null` (or absent) keeps
 * the old one.
 */
export async function updateStaff(
  db: Db,
  manager: Caller,
  id: string,
  changes: StaffChanges,
  context: AuditContext & PasswordContext = {},
): Promise<StaffJson> {
  const actor = assertManager(manager);
  const hash = changes.password ? await hashPassword(changes.password) : null;
  try {
    return await inTransaction(db, async (tx) => {
      const before = await tx.user.findUnique({ where: { id }, select: staffSelect });
      if (!before) throw new NotFoundError("No staff member with that id.");
      await assertUnique(tx, { email: changes.email, username: changes.username }, id);
      await assertSubjectGroupExists(tx, changes.subjectGroupId);

      const beforeRoles = before.roles.map((role) => role.name).sort();
      const afterRoles = changes.roles ? [...new Set(changes.roles)].sort() : beforeRoles;
      const rolesChanged = afterRoles.join() !== beforeRoles.join();
      if (changes.password && sameAsIdentity(changes.password, { email: changes.email ?? before.email, username: changes.username ?? before.username })) {
        throw new RuleViolationError(SAME_AS_IDENTITY, { password: [SAME_AS_IDENTITY] });
      }
      const next = {
        email: changes.email ?? before.email,
        firstName: changes.firstName ?? before.firstName,
        lastName: changes.lastName ?? before.lastName,
        username: changes.username === undefined ? before.username : changes.username || null,
      };
      const edited: string[] = (["email", "firstName", "lastName", "username"] as const).filter((field) => next[field] !== before[field]);
      if (changes.subjectGroupId !== undefined && changes.subjectGroupId !== (before.subjectGroup?.id ?? null)) edited.push("subjectGroup");
      const activeChanged = changes.active !== undefined && changes.active !== before.active;

      const after = await tx.user.update({
        where: { id },
        data: {
          ...next,
          usernameKey: next.username?.toLowerCase() ?? null,
          searchText: searchTextFor(next),
          ...(changes.subjectGroupId !== undefined ? { subjectGroupId: changes.subjectGroupId } : {}),
          ...(changes.active !== undefined ? { active: changes.active } : {}),
          ...(rolesChanged ? { roles: { set: await roleIds(tx, afterRoles) } } : {}),
        },
        select: staffSelect,
      });
      if (hash) await writePasswordHash(tx, id, hash, { temporary: isTemporary(manager, context) });
      const wasActiveAdmin = isActiveAdmin({ active: before.active, roles: beforeRoles });
      if (wasActiveAdmin && !isActiveAdmin({ active: after.active, roles: afterRoles })) {
        await assertAnActiveAdminRemains(tx, afterRoles.includes(ADMIN_ROLE) ? "active" : "roles");
      }

      // Whoever held this person's session or token may no longer be entitled to it.
      const rolesRemoved = beforeRoles.some((role) => !afterRoles.includes(role));
      const deactivated = activeChanged && changes.active === false;
      if (deactivated || rolesRemoved || hash) {
        await endSessionsOf(tx, id);
        await revokeTokensOf(tx, id);
      }

      const target = { id, email: after.email };
      const audit = (action: Parameters<typeof recordAudit>[1]["action"], details: Record<string, unknown> = {}) =>
        recordAudit(tx, { action, actor, target, ip: context.ip, details });
      if (edited.length > 0) await audit("staff.updated", { fields: edited });
      if (rolesChanged) await audit("staff.roles_changed", { from: beforeRoles, to: afterRoles });
      if (activeChanged) await audit(changes.active ? "staff.reactivated" : "staff.deactivated");
      if (hash) await audit("staff.password_set");
      return toStaffJson(after);
    });
  } catch (error) {
    translateUniqueViolation(error);
  }
}

/** Deletes an account with its todos, sessions and tokens (by cascade). */
export async function deleteStaff(db: Db, manager: Caller, id: string, context: AuditContext = {}): Promise<void> {
  const actor = assertManager(manager);
  await inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true, active: true, roles: { select: { name: true } } } });
    if (!user) throw new NotFoundError("No staff member with that id.");
    await tx.user.delete({ where: { id } });
    if (isActiveAdmin({ active: user.active, roles: user.roles.map((role) => role.name) })) await assertAnActiveAdminRemains(tx, "delete");
    await recordAudit(tx, { action: "staff.deleted", actor, target: { id: user.id, email: user.email }, ip: context.ip });
  });
}

/** Lifts the login lock after too many failed attempts (the account's count only). */
export async function unlockStaff(db: Db, manager: Caller, id: string, context: AuditContext = {}): Promise<void> {
  const actor = assertManager(manager);
  await inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError("No staff member with that id.");
    await unlockAccount(tx, user.email);
    await recordAudit(tx, { action: "staff.unlocked", actor, target: user, ip: context.ip });
  });
}

/** "Log out everywhere": ends every browser session of the account. */
export async function endAllSessions(db: Db, manager: Caller, id: string, context: AuditContext = {}): Promise<number> {
  const actor = assertManager(manager);
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError("No staff member with that id.");
    const ended = await endSessionsOf(tx, id);
    await recordAudit(tx, { action: "staff.sessions_revoked", actor, target: user, ip: context.ip, details: { sessions: ended } });
    return ended;
  });
}
