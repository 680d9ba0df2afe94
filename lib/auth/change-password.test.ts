import { describe, expect, it } from "vitest";
import { RuleViolationError, ValidationError } from "../errors.ts";
import type { Db } from "../db/client.ts";
import { asCaller, newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { createApiToken, findTokenUser } from "../tokens/token-service.ts";
import { changeOwnPassword, WRONG_CURRENT_PASSWORD } from "./change-password.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { verifyPassword } from "./password.ts";
import { findSessionUser, startSession } from "./sessions.ts";

const OLD = "violet-harbour-91";
const NEW = "amber-lighthouse-27";

let db: Db;
let jo: CurrentUser;
setUpTestDb("each", async (fresh) => {
  db = fresh;
  jo = asCaller(await newStaff(db, { email: "jo@school.org", firstName: "Jo", lastName: "Bloggs", password: OLD }));
});
const storedHash = async () => (await db.password.findUniqueOrThrow({ where: { userId: jo.id } })).hash;

describe("changeOwnPassword", () => {
  it("refuses a wrong current password with an error on that field, and changes nothing", async () => {
    const before = await storedHash();
    const error = await changeOwnPassword(db, jo, { currentPassword: "not-it", newPassword: NEW, ip: "192.0.2.1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ currentPassword: [WRONG_CURRENT_PASSWORD] });
    expect(await storedHash()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "password.changed" } })).toBe(0);
  });

  it("counts wrong current passwords towards the login throttle", async () => {
    for (let i = 0; i < 5; i++) {
      await expect(changeOwnPassword(db, jo, { currentPassword: `guess-${i}`, newPassword: NEW, ip: "192.0.2.1" })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await db.authFailure.count({ where: { scope: "password|account", key: "jo@school.org" } })).toBe(5);
    // Even the right password is not checked any more.
    const error = await changeOwnPassword(db, jo, { currentPassword: OLD, newPassword: NEW, ip: "192.0.2.1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as Error).message).toMatch(/^Too many failed attempts\. Try again in \d+ minutes?\.$/);
    expect(await verifyPassword(OLD, await storedHash())).toBe(true);
  });

  it("sets the new password: the new one works, the old one no longer does", async () => {
    await changeOwnPassword(db, jo, { currentPassword: OLD, newPassword: NEW, ip: "192.0.2.1" });
    const hash = await storedHash();
    expect(await verifyPassword(NEW, hash)).toBe(true);
    expect(await verifyPassword(OLD, hash)).toBe(false);
  });

  it("ends the person's other sessions but keeps the one in use, and leaves other people's alone", async () => {
    const current = await startSession(db, jo.id, false);
    const elsewhere = await startSession(db, jo.id, true);
    const ann = await newStaff(db, { email: "ann@school.org", firstName: "Ann", lastName: "Other", password: OLD });
    const annSession = await startSession(db, ann.id, false);

    await changeOwnPassword(db, jo, { currentPassword: OLD, newPassword: NEW, keepSession: current.sessionToken, ip: "192.0.2.1" });
    expect(await findSessionUser(db, current.sessionToken)).toMatchObject({ id: jo.id });
    expect(await findSessionUser(db, elsewhere.sessionToken)).toBeNull();
    expect(await findSessionUser(db, annSession.sessionToken)).toMatchObject({ id: ann.id });
  });

  it("revokes the person's API tokens", async () => {
    const { token } = await createApiToken(db, jo, "backup script");
    await changeOwnPassword(db, jo, { currentPassword: OLD, newPassword: NEW, ip: "192.0.2.1" });
    expect(await findTokenUser(db, token)).toBeNull();
    expect(await db.apiToken.count({ where: { userId: jo.id } })).toBe(0);
  });

  it("writes password.changed without the password or its hash", async () => {
    await startSession(db, jo.id, false);
    await createApiToken(db, jo, "backup script");
    await changeOwnPassword(db, jo, { currentPassword: OLD, newPassword: NEW, ip: "192.0.2.1" });
    const entries = await db.auditEvent.findMany({ where: { action: "password.changed" } });
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ actorId: jo.id, targetId: jo.id, targetEmail: "jo@school.org", ip: "192.0.2.1" });
    expect(JSON.parse(entry!.details)).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    const everything = JSON.stringify(await db.auditEvent.findMany());
    expect(everything).not.toContain(OLD);
    expect(everything).not.toContain(NEW);
    expect(everything).not.toContain(await storedHash());
    expect(everything).not.toMatch(/\$2[aby]\$/);
  });
});
