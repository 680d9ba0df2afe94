import { describe, expect, it } from "vitest";
import { SYSTEM } from "../identity/caller.ts";
import { startSession } from "../auth/sessions.ts";
import { isAccountLocked, PASSWORD_SCOPE, recordFailure } from "../auth/throttle.ts";
import type { Db } from "../db/client.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from "../errors.ts";
import { asCaller, newAdmin, newStaff, staffInput } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { createApiToken } from "../tokens/token-service.ts";
import { listRoles, listStaff } from "./staff-queries.ts";
import {
  createStaff,
  deleteStaff,
  endAllSessions,
  getStaff,
  unlockStaff,
  updateStaff,
  type StaffInput,
} from "./staff-service.ts";

const input = (overrides: Partial<StaffInput & { password: string }> = {}) => staffInput({ email: "new.person@unit.test", firstName: "New", lastName: "Person", ...overrides });

/** Sessions and API tokens a person holds, to see what a change ended. */
async function credentialsOf(db: Db, id: string) {
  return {
    sessions: await db.session.count({ where: { userId: id } }),
    tokens: await db.apiToken.count({ where: { userId: id } }),
  };
}

async function giveCredentials(db: Db, id: string) {
  await startSession(db, id, false);
  await startSession(db, id, true);
  await createApiToken(db, asCaller(await getStaff(db, SYSTEM, id)), "script");
}

async function actionsFor(db: Db, targetId: string) {
  const rows = await db.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ action: row.action, actorId: row.actorId, details: JSON.parse(row.details) as Record<string, unknown> }));
}

describe("staff service (shared database)", () => {
  const t = setUpTestDb("file");

  describe("only administrators (or the system) manage staff", () => {
    it("refuses every operation to a non-admin caller, and changes nothing", async () => {
      const { db } = t;
      const member = asCaller(await newStaff(db));
      const other = await newStaff(db);
      await expect(createStaff(db, member, input({ email: "sneaky@unit.test" }))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getStaff(db, member, other.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateStaff(db, member, other.id, { firstName: "Hacked" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateStaff(db, member, member.id, { roles: ["admin", "staff"] })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteStaff(db, member, other.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(unlockStaff(db, member, other.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(endAllSessions(db, member, other.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listStaff(db, member, { q: "", page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listRoles(db, member)).rejects.toBeInstanceOf(ForbiddenError);

      expect(await db.user.count({ where: { email: "sneaky@unit.test" } })).toBe(0);
      expect((await getStaff(db, SYSTEM, other.id)).firstName).toBe("Pat");
      expect((await getStaff(db, SYSTEM, member.id)).roles).toEqual(["staff"]);
    });
  });

  describe("uniqueness", () => {
    it("refuses a taken email on create, naming the field", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const existing = await newStaff(db);
      const error = await createStaff(db, admin, input({ email: existing.email })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fields).toEqual({ email: ["Another account already uses this email address."] });
    });

    it("refuses a taken email on edit, but not the person's own", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const a = await newStaff(db);
      const b = await newStaff(db);
      const error = await updateStaff(db, admin, b.id, { email: a.email }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fields?.email).toBeDefined();
      await expect(updateStaff(db, admin, b.id, { email: b.email, firstName: "Same" })).resolves.toMatchObject({ email: b.email, firstName: "Same" });
    });

    it("refuses a username taken in another case", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      await newStaff(db, { username: "Jo123" });
      const error = await createStaff(db, admin, input({ email: "jo.other@unit.test", username: "jO123" })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fields).toEqual({ username: ["Another account already uses this username."] });
    });

    it("refuses a subject group that does not exist, on its field", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const error = await createStaff(db, admin, input({ email: "grouped@unit.test", subjectGroupId: 999_999 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleViolationError);
      expect((error as RuleViolationError).fields?.subjectGroupId).toBeDefined();
    });
  });

  describe("ending sessions and tokens", () => {
    it("deactivating someone ends their sessions and API tokens at once", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newStaff(db);
      await giveCredentials(db, person.id);
      expect(await credentialsOf(db, person.id)).toEqual({ sessions: 2, tokens: 1 });

      await updateStaff(db, admin, person.id, { active: false });
      expect(await credentialsOf(db, person.id)).toEqual({ sessions: 0, tokens: 0 });
    });

    it("taking a role away ends their sessions and API tokens", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newAdmin(db);
      await giveCredentials(db, person.id);

      await updateStaff(db, admin, person.id, { roles: ["staff"] });
      expect(await credentialsOf(db, person.id)).toEqual({ sessions: 0, tokens: 0 });
    });

    it("setting their password ends their sessions and API tokens", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newStaff(db);
      await giveCredentials(db, person.id);
      const before = await db.password.findUniqueOrThrow({ where: { userId: person.id } });

      await updateStaff(db, admin, person.id, { password: "A-new-secret-for-you-7" });
      expect(await credentialsOf(db, person.id)).toEqual({ sessions: 0, tokens: 0 });
      expect((await db.password.findUniqueOrThrow({ where: { userId: person.id } })).hash).not.toBe(before.hash);
    });

    it("other edits, adding a role and a blank password keep sessions and the old password", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newStaff(db);
      await giveCredentials(db, person.id);
      const before = await db.password.findUniqueOrThrow({ where: { userId: person.id } });

      await updateStaff(db, admin, person.id, { firstName: "Renamed", roles: ["staff", "admin"], password: null });
      expect(await credentialsOf(db, person.id)).toEqual({ sessions: 2, tokens: 1 });
      expect((await db.password.findUniqueOrThrow({ where: { userId: person.id } })).hash).toBe(before.hash);
    });

    it("'log out everywhere' ends every session and says how many", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newStaff(db);
      await giveCredentials(db, person.id);
      expect(await endAllSessions(db, admin, person.id)).toBe(2);
      expect((await credentialsOf(db, person.id)).sessions).toBe(0);
      expect((await actionsFor(db, person.id)).at(-1)).toMatchObject({ action: "staff.sessions_revoked", actorId: admin.id, details: { sessions: 2 } });
    });

    it("unlocking clears the account's failed attempts", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newStaff(db);
      for (let i = 0; i < 5; i++) await recordFailure(db, PASSWORD_SCOPE, { account: person.email, address: "10.0.0.1" });
      expect(await isAccountLocked(db, person.email)).toBe(true);
      await unlockStaff(db, admin, person.id);
      expect(await isAccountLocked(db, person.email)).toBe(false);
      expect((await actionsFor(db, person.id)).at(-1)).toMatchObject({ action: "staff.unlocked", actorId: admin.id });
    });
  });

  describe("deleting", () => {
    it("deletes the account with its todos, sessions, tokens and password; the audit entry stays", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const person = await newStaff(db);
      await giveCredentials(db, person.id);
      await db.todo.create({ data: { ownerId: person.id, title: "Mark essays", order: 1 } });
      await db.todo.create({ data: { ownerId: person.id, title: "Plan trip", order: 2 } });

      await deleteStaff(db, admin, person.id, { ip: "10.1.2.3" });
      expect(await db.user.count({ where: { id: person.id } })).toBe(0);
      expect(await db.todo.count({ where: { ownerId: person.id } })).toBe(0);
      expect(await credentialsOf(db, person.id)).toEqual({ sessions: 0, tokens: 0 });
      expect(await db.password.count({ where: { userId: person.id } })).toBe(0);
      const entry = await db.auditEvent.findFirstOrThrow({ where: { targetId: person.id, action: "staff.deleted" } });
      expect(entry).toMatchObject({ actorId: admin.id, targetEmail: person.email, ip: "10.1.2.3" });
    });

    it("answers NotFound for an unknown id", async () => {
      const admin = asCaller(await newAdmin(t.db));
      await expect(deleteStaff(t.db, admin, "no-such-id")).rejects.toBeInstanceOf(NotFoundError);
      await expect(updateStaff(t.db, admin, "no-such-id", { firstName: "X" })).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe("the audit trail", () => {
    it("records who did what to whom, with the fields and roles, and never a password or hash", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const secret = "Very-secret-initial-88";
      const newSecret = "Very-secret-second-99";
      const person = await createStaff(db, admin, input({ email: "audited@unit.test", password: secret }), { ip: "10.9.9.9" });
      await updateStaff(db, admin, person.id, { firstName: "Audie", lastName: "Ted", email: "audited@unit.test" });
      await updateStaff(db, admin, person.id, { roles: ["admin", "staff"] });
      await updateStaff(db, admin, person.id, { active: false });
      await updateStaff(db, admin, person.id, { active: true, password: newSecret });
      await deleteStaff(db, admin, person.id);

      const entries = await actionsFor(db, person.id);
      expect(entries.map((entry) => entry.action)).toEqual([
        "staff.created",
        "staff.updated",
        "staff.roles_changed",
        "staff.deactivated",
        "staff.reactivated",
        "staff.password_set",
        "staff.deleted",
      ]);
      expect(entries.every((entry) => entry.actorId === admin.id)).toBe(true);
      expect(entries[0]!.details).toMatchObject({ roles: ["staff"], active: true });
      expect(entries[1]!.details).toEqual({ fields: ["firstName", "lastName"] });
      expect(entries[2]!.details).toEqual({ from: ["staff"], to: ["admin", "staff"] });

      const everything = JSON.stringify(await db.auditEvent.findMany());
      const hashes = await db.password.findMany({ select: { hash: true } });
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(newSecret);
      expect(everything).not.toMatch(/\$2[aby]\$/);
      for (const { hash } of hashes) expect(everything).not.toContain(hash);
    });

    it("writes nothing when a change is refused", async () => {
      const { db } = t;
      const admin = asCaller(await newAdmin(db));
      const a = await newStaff(db);
      const b = await newStaff(db);
      const before = await db.auditEvent.count();
      await updateStaff(db, admin, b.id, { email: a.email, firstName: "Changed" }).catch(() => undefined);
      expect(await db.auditEvent.count()).toBe(before);
      expect((await getStaff(db, SYSTEM, b.id)).firstName).toBe("Pat");
    });

    it("refuses details that look like a secret", async () => {
      const { recordAudit } = await import("../audit/audit-log.ts");
      await expect(recordAudit(t.db, { action: "staff.updated", actor: null, details: { password: "x" } })).rejects.toThrow(/secret/);
      await expect(recordAudit(t.db, { action: "staff.updated", actor: null, details: { nested: { passwordHash: "x" } } })).rejects.toThrow(/secret/);
    });
  });
});

describe("the last active administrator", () => {
  const t = setUpTestDb("each");

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolationError);
    return error as RuleViolationError;
  };

  it("cannot lose the admin role, not even by their own hand, nor by the system", async () => {
    const { db } = t;
    const only = await newAdmin(db);
    await giveCredentials(db, only.id);
    const error = await refusal(updateStaff(db, asCaller(only), only.id, { roles: ["staff"] }));
    expect(error.fields?.roles?.[0]).toMatch(/last active administrator/);
    await refusal(updateStaff(db, SYSTEM, only.id, { roles: [] }));

    expect((await getStaff(db, SYSTEM, only.id)).roles).toEqual(["admin", "staff"]);
    expect(await credentialsOf(db, only.id)).toEqual({ sessions: 2, tokens: 1 });
    expect((await actionsFor(db, only.id)).map((entry) => entry.action)).toEqual(["staff.created"]);
  });

  it("cannot be deactivated", async () => {
    const { db } = t;
    const only = await newAdmin(db);
    const error = await refusal(updateStaff(db, asCaller(only), only.id, { active: false }));
    expect(error.fields?.active?.[0]).toMatch(/last active administrator/);
    await refusal(updateStaff(db, SYSTEM, only.id, { active: false, firstName: "Changed" }));
    expect(await getStaff(db, SYSTEM, only.id)).toMatchObject({ active: true, firstName: "Pat" });
  });

  it("cannot be deleted", async () => {
    const { db } = t;
    const only = await newAdmin(db);
    const error = await refusal(deleteStaff(db, asCaller(only), only.id));
    expect(error.message).toMatch(/last active administrator/);
    await refusal(deleteStaff(db, SYSTEM, only.id));
    expect(await db.user.count({ where: { id: only.id } })).toBe(1);
  });

  it("an inactive administrator does not count", async () => {
    const { db } = t;
    const only = await newAdmin(db);
    await newAdmin(db, { active: false });
    await refusal(updateStaff(db, asCaller(only), only.id, { roles: ["staff"] }));
    await refusal(deleteStaff(db, asCaller(only), only.id));
  });

  it("with a second active administrator, either may step down or be deleted", async () => {
    const { db } = t;
    const first = await newAdmin(db);
    const second = await newAdmin(db);
    await updateStaff(db, asCaller(first), first.id, { roles: ["staff"] });
    expect((await getStaff(db, SYSTEM, first.id)).roles).toEqual(["staff"]);
    // Now second is the last one.
    await refusal(updateStaff(db, asCaller(second), second.id, { active: false }));
    await updateStaff(db, asCaller(second), first.id, { roles: ["admin", "staff"] });
    await deleteStaff(db, asCaller(first), second.id);
    expect(await db.user.count({ where: { id: second.id } })).toBe(0);
  });

  it("does not block unrelated changes when no administrator is active (repair by the command line)", async () => {
    const { db } = t;
    const sleeping = await newAdmin(db);
    await db.user.update({ where: { id: sleeping.id }, data: { active: false } });
    const person = await newStaff(db);
    // Changing someone who is not an active admin cannot make things worse.
    await updateStaff(db, SYSTEM, person.id, { roles: ["staff", "admin"] });
    await updateStaff(db, SYSTEM, sleeping.id, { active: true });
    expect((await getStaff(db, SYSTEM, sleeping.id)).active).toBe(true);
  });

  it("holds when two administrators demote each other at the same time", async () => {
    const { db } = t;
    const first = await newAdmin(db);
    const second = await newAdmin(db);
    const results = await Promise.allSettled([
      updateStaff(db, asCaller(first), second.id, { roles: ["staff"] }),
      updateStaff(db, asCaller(second), first.id, { roles: ["staff"] }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { active: true, roles: { some: { name: "admin" } } } })).toBe(1);
  });
});

describe("listing staff", () => {
  const t = setUpTestDb("file", async () => {
    const people: [string, string, string][] = [
      ["Ada", "Lovelace", "ada@maths.unit.test"],
      ["Alan", "Turing", "alan@computing.unit.test"],
      ["Grace", "Hopper", "grace@navy.unit.test"],
      ["Émile", "Zola", "EMILE@Lettres.unit.test"],
    ];
    for (const [firstName, lastName, email] of people) await newStaff(t.db, { firstName, lastName, email: email.toLowerCase() });
    for (let i = 0; i < 23; i++) {
      await t.db.user.create({
        data: { email: `bulk${i}@bulk.unit.test`, firstName: "Bulk", lastName: `Row ${String(i).padStart(2, "0")}`, searchText: `bulk row ${String(i).padStart(2, "0")} bulk${i}@bulk.unit.test ` },
      });
    }
  });

  const admin = () => newAdmin(t.db, { firstName: "Zed", lastName: "Admin" }).then(asCaller);

  it("searches first name, last name and email, ignoring case", async () => {
    const caller = await admin();
    const names = async (q: string) => (await listStaff(t.db, caller, { q, page: 1, pageSize: 50 })).staff.map((s) => s.lastName);
    expect(await names("LOVE")).toEqual(["Lovelace"]);
    expect(await names("grace")).toEqual(["Hopper"]);
    expect(await names("@Computing.")).toEqual(["Turing"]);
    expect(await names("émile")).toEqual(["Zola"]);
    expect(await names("ada lovelace")).toEqual(["Lovelace"]);
    expect(await names("nobody-by-that-name")).toEqual([]);
    // LIKE wildcards typed into the box are plain characters.
    expect(await names("%")).toEqual([]);
    expect(await names("_")).toEqual([]);
  });

  it("pages through the matches in name order, with the total", async () => {
    const caller = await admin();
    const first = await listStaff(t.db, caller, { q: "bulk", page: 1, pageSize: 10 });
    const third = await listStaff(t.db, caller, { q: "bulk", page: 3, pageSize: 10 });
    const beyond = await listStaff(t.db, caller, { q: "bulk", page: 4, pageSize: 10 });
    expect(first.total).toBe(23);
    expect(first.staff.map((s) => s.lastName)).toEqual(Array.from({ length: 10 }, (_, i) => `Row ${String(i).padStart(2, "0")}`));
    expect(third.staff.map((s) => s.lastName)).toEqual(["Row 20", "Row 21", "Row 22"]);
    expect(beyond).toMatchObject({ staff: [], total: 23, page: 4 });
  });

  it("lists each person exactly as their own record reads: roles, group, second factors, invitation and last login", async () => {
    const caller = await admin();
    const group = await t.db.subjectGroup.create({ data: { name: "Listing", nameKey: "listing" } });
    const withPasskey = await newStaff(t.db, { firstName: "Pia", lastName: "Listed-a", email: "pia@list.unit.test" });
    await t.db.user.update({ where: { id: withPasskey.id }, data: { subjectGroupId: group.id, currentLoginAt: new Date("2026-11-30T08:15:00.123Z") } });
    await t.db.passkey.create({ data: { id: "list-passkey", userId: withPasskey.id, name: "Laptop", publicKey: "pk" } });
    const withApp = await newAdmin(t.db, { firstName: "Tao", lastName: "Listed-b", email: "tao@list.unit.test" });
    await t.db.twoFactor.create({ data: { userId: withApp.id, secret: "s", enabledAt: new Date() } });
    const halfSetUp = await newStaff(t.db, { firstName: "Una", lastName: "Listed-c", email: "una@list.unit.test" });
    await t.db.twoFactor.create({ data: { userId: halfSetUp.id, secret: "s" } });
    await t.db.user.update({ where: { id: halfSetUp.id }, data: { invitedAt: new Date(), roles: { set: [] } } });

    const listed = (await listStaff(t.db, caller, { q: "listed", page: 1, pageSize: 10 })).staff;
    expect(listed.map((person) => [person.lastName, person.roles, person.subjectGroup?.name ?? null, person.twoFactor, person.invited, person.lastLoginAt])).toEqual([
      ["Listed-a", ["staff"], "Listing", true, false, "2026-11-30T08:15:00.123Z"],
      ["Listed-b", ["admin", "staff"], null, true, false, null],
      ["Listed-c", [], null, false, true, null],
    ]);
    for (const person of listed) expect(person).toEqual(await getStaff(t.db, caller, person.id));
  });

  it("lists the roles there are", async () => {
    expect((await listRoles(t.db, await admin())).map((role) => role.name)).toEqual(["admin", "staff"]);
  });
});
