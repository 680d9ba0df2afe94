import { describe, expect, it } from "vitest";
import { authenticate } from "../auth/credentials.ts";
import type { Db } from "../db/client.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { newPasswordSchema } from "../validation/fields.ts";
import { ensureFirstAdmin, ensureRoles, GENERATED_ADMIN_EMAIL } from "./bootstrap.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

async function addStaff(email: string, roles: string[], active = true) {
  return newStaff(db, { email, firstName: "Jo", lastName: "Bloggs", roles, active });
}

const logIn = (email: string, password: string) => authenticate(db, { email, password, ip: "127.0.0.1", channel: "login" });
const rolesOf = async (email: string) =>
  (await db.user.findUniqueOrThrow({ where: { email }, select: { roles: { select: { name: true }, orderBy: { name: "asc" } } } })).roles.map((role) => role.name);

describe("ensureRoles", () => {
  it("creates admin and staff once, however often it runs, and keeps edited descriptions", async () => {
    await db.role.update({ where: { name: "staff" }, data: { description: "Teachers and support staff" } });
    await ensureRoles(db);
    await Promise.all([ensureRoles(db), ensureRoles(db)]);
    const roles = await db.role.findMany({ orderBy: { name: "asc" }, select: { name: true, description: true } });
    expect(roles).toEqual([
      { name: "admin", description: "Manages staff accounts, roles and subject groups" },
      { name: "staff", description: "Teachers and support staff" },
    ]);
  });

  it("creates the roles in an empty database", async () => {
    await db.role.deleteMany();
    await ensureRoles(db);
    expect(await db.role.count()).toBe(2);
  });
});

describe("ensureFirstAdmin", () => {
  it("creates the administrator from ADMIN_EMAIL and ADMIN_PASSWORD", async () => {
    const outcome = await ensureFirstAdmin(db, { ADMIN_EMAIL: " Head@School.org ", ADMIN_PASSWORD: "amber-lighthouse-27" });
    expect(outcome).toEqual({ created: true, email: "head@school.org", generatedPassword: null });
    expect(await rolesOf("head@school.org")).toEqual(["admin", "staff"]);
    expect(await logIn("head@school.org", "amber-lighthouse-27")).toMatchObject({ ok: true, user: { isAdmin: true } });
  });

  it("generates a password that meets the policy when ADMIN_PASSWORD is unset, and works with it", async () => {
    const outcome = await ensureFirstAdmin(db, {});
    expect(outcome).toMatchObject({ created: true, email: GENERATED_ADMIN_EMAIL });
    if (!outcome.created) return;
    const password = outcome.generatedPassword!;
    expect(newPasswordSchema({ email: GENERATED_ADMIN_EMAIL }).safeParse(password).success).toBe(true);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await logIn(GENERATED_ADMIN_EMAIL, password)).toMatchObject({ ok: true, user: { isAdmin: true } });
  });

  it("treats an empty ADMIN_PASSWORD (ADMIN_PASSWORD= in a .env file) as unset", async () => {
    const outcome = await ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "" });
    expect(outcome).toMatchObject({ created: true, email: "head@school.org" });
    if (!outcome.created) return;
    expect(outcome.generatedPassword).toEqual(expect.any(String));
    expect(await logIn("head@school.org", outcome.generatedPassword!)).toMatchObject({ ok: true });
  });

  it("does nothing when an active administrator exists", async () => {
    await addStaff("boss@school.org", ["admin"]);
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "amber-lighthouse-27" })).toEqual({ created: false });
    expect(await db.user.count()).toBe(1);
  });

  it("does nothing the second time it runs", async () => {
    await ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "amber-lighthouse-27" });
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "amber-lighthouse-27" })).toEqual({ created: false });
    expect(await db.user.count()).toBe(1);
  });

  it("creates one when the only administrator is inactive", async () => {
    await addStaff("former@school.org", ["admin"], false);
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "amber-lighthouse-27" })).toMatchObject({ created: true });
  });

  it("refuses a weak ADMIN_PASSWORD with a message that names the variable and the problem", async () => {
    await expect(ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "password1" })).rejects.toThrow(
      "ADMIN_PASSWORD: This password is too common. Choose one that is harder to guess.",
    );
    await expect(ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "Qz7!v" })).rejects.toThrow("ADMIN_PASSWORD: Use at least 8 characters.");
    await expect(ensureFirstAdmin(db, { ADMIN_EMAIL: "head@school.org", ADMIN_PASSWORD: "Head@School.org" })).rejects.toThrow(
      "ADMIN_PASSWORD: Do not use your email address or username as your password.",
    );
    expect(await db.user.count()).toBe(0);
  });

  it("refuses an ADMIN_EMAIL that is not an email address", async () => {
    await expect(ensureFirstAdmin(db, { ADMIN_EMAIL: "head at school", ADMIN_PASSWORD: "amber-lighthouse-27" })).rejects.toThrow(/^ADMIN_EMAIL: /);
  });

  it("explains what to do when ADMIN_EMAIL is an existing account without the admin role", async () => {
    await addStaff("head@school.org", ["staff"]);
    await expect(ensureFirstAdmin(db, { ADMIN_EMAIL: "HEAD@school.org", ADMIN_PASSWORD: "amber-lighthouse-27" })).rejects.toThrow(
      /head@school\.org is already an account: grant it the admin role with "npm run staff -- grant head@school\.org admin"/,
    );
    expect(await rolesOf("head@school.org")).toEqual(["staff"]);
  });
});
