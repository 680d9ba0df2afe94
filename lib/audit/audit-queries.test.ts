import { describe, expect, it } from "vitest";
import { changeOwnPassword } from "../auth/change-password.ts";
import { authenticate } from "../auth/credentials.ts";
import { ForbiddenError } from "../errors.ts";
import { deleteStaff, updateStaff } from "../staff/staff-service.ts";
import { asCaller, newAdmin, newStaff, TEST_PASSWORD } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { auditQuerySchema } from "../validation/audit.ts";
import { recordAudit } from "./audit-log.ts";
import { listAuditEvents } from "./audit-queries.ts";

const t = setUpTestDb("file");

const query = (person = "", page = 1, pageSize = 50) => auditQuerySchema.parse({ person, page, pageSize });

describe("the audit log", () => {
  it("is for administrators only", async () => {
    const member = asCaller(await newStaff(t.db));
    await expect(listAuditEvents(t.db, member, query())).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("shows logins, failed logins (email as typed, IP) and password changes, newest first", async () => {
    const admin = asCaller(await newAdmin(t.db));
    const person = await newStaff(t.db);
    const typed = `  ${person.email.toUpperCase()} `;
    expect((await authenticate(t.db, { email: typed, password: "Wrong-password-1", ip: "10.7.0.1", channel: "login" })).ok).toBe(false);
    expect((await authenticate(t.db, { email: person.email, password: TEST_PASSWORD, ip: "10.7.0.2", channel: "login" })).ok).toBe(true);
    await changeOwnPassword(t.db, asCaller(person), { currentPassword: TEST_PASSWORD, newPassword: "Another-secret-pass-5", ip: "10.7.0.3" });

    const { entries, filter, total } = await listAuditEvents(t.db, admin, query(person.email));
    expect(filter).toEqual({ kind: "account", id: person.id, email: person.email });
    expect(total).toBe(4);
    expect(entries.map((entry) => entry.label)).toEqual(["Password changed by its owner", "Login succeeded", "Login failed", "Account created"]);
    expect(entries[1]).toMatchObject({ actor: { id: person.id, email: person.email }, target: { id: person.id }, ip: "10.7.0.2" });
    expect(entries[2]).toMatchObject({ actor: null, target: { id: person.id, email: typed.slice(0, 254) }, ip: "10.7.0.1" });
    expect(entries[3]).toMatchObject({ action: "staff.created", actor: null });
    const times = entries.map((entry) => entry.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(entries)).not.toMatch(/Wrong-password-1|Another-secret-pass-5|\$2[aby]\$/);
  });

  it("filters by person: as actor or target, by id or email, also once the account is gone", async () => {
    const admin = asCaller(await newAdmin(t.db));
    const person = await newStaff(t.db);
    const bystander = await newStaff(t.db);
    await updateStaff(t.db, admin, person.id, { firstName: "Renamed" });
    await updateStaff(t.db, admin, bystander.id, { firstName: "Other" });
    await deleteStaff(t.db, admin, person.id);

    const byId = await listAuditEvents(t.db, admin, query(person.id));
    expect(byId.filter).toEqual({ kind: "id", id: person.id });
    expect(byId.entries.map((entry) => entry.action)).toEqual(["staff.deleted", "staff.updated", "staff.created"]);
    expect(byId.entries[1]!.details).toEqual({ fields: ["firstName"] });

    const byEmail = await listAuditEvents(t.db, admin, query(person.email.toUpperCase()));
    expect(byEmail.filter).toEqual({ kind: "email", email: person.email.toUpperCase() });
    expect(byEmail.entries.map((entry) => entry.action)).toEqual(["staff.deleted", "staff.updated", "staff.created"]);

    // The admin's entries: everything they did, to both people, and their own creation.
    const byActor = await listAuditEvents(t.db, admin, query(admin.email));
    expect(byActor.entries.map((entry) => `${entry.action} ${entry.target?.email}`)).toEqual([
      `staff.deleted ${person.email}`,
      `staff.updated ${bystander.email}`,
      `staff.updated ${person.email}`,
      `staff.created ${admin.email}`,
    ]);

    const failed = `nobody-${Date.now()}@Example.test`;
    await authenticate(t.db, { email: failed, password: "Whatever-123", ip: "10.7.0.9", channel: "login" });
    expect((await listAuditEvents(t.db, admin, query(failed))).entries.map((entry) => entry.action)).toEqual(["login.failed"]);
    expect((await listAuditEvents(t.db, admin, query("no-such-person@example.test"))).total).toBe(0);
  });

  it("pages newest first through every entry", async () => {
    const admin = asCaller(await newAdmin(t.db));
    for (let i = 0; i < 7; i++) {
      await recordAudit(t.db, { action: "staff.unlocked", actor: admin, target: { id: "paging-target", email: `paging-${i}@unit.test` } });
    }
    const first = await listAuditEvents(t.db, admin, query("paging-target", 1, 3));
    const third = await listAuditEvents(t.db, admin, query("paging-target", 3, 3));
    expect(first.total).toBe(7);
    expect(first.entries.map((entry) => entry.target?.email)).toEqual(["paging-6@unit.test", "paging-5@unit.test", "paging-4@unit.test"]);
    expect(third.entries.map((entry) => entry.target?.email)).toEqual(["paging-0@unit.test"]);
    const all = await listAuditEvents(t.db, admin, query("", 1, 100));
    expect(all.total).toBeGreaterThan(7);
    expect(all.entries[0]!.id).toBeGreaterThan(all.entries[1]!.id);
  });

  it("never holds a password or a hash, whatever was done", async () => {
    const everything = JSON.stringify(await t.db.auditEvent.findMany());
    const hashes = await t.db.password.findMany({ select: { hash: true } });
    expect(everything).not.toMatch(/\$2[aby]\$\d\d\$/);
    for (const { hash } of hashes) expect(everything).not.toContain(hash);
    expect(everything).not.toContain(TEST_PASSWORD);
  });
});
