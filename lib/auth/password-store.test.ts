import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { createStaff, updateStaff } from "../staff/staff-service.ts";
import { SYSTEM } from "../identity/caller.ts";
import { asCaller, newAdmin, newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { isRecentlyConfirmed, markSessionConfirmed } from "./confirmation.ts";
import { mustChangePassword, setPassword } from "./password-store.ts";
import { verifyPassword } from "./password.ts";
import { findSession, startSession, touchSession } from "./sessions.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

const person = (email: string) => ({ email, firstName: "Jo", lastName: "Bloggs", username: null, subjectGroupId: null, roles: ["staff"], active: true });

describe("setPassword", () => {
  it("stores a bcrypt hash, temporary only when asked, and voids every reset and invitation link", async () => {
    const jo = await newStaff(db);
    await db.accountToken.create({ data: { userId: jo.id, purpose: "reset", tokenHash: "x", expiresAt: new Date(Date.now() + 60_000) } });
    await setPassword(db, jo.id, "amber-lighthouse-27", { temporary: true });
    const stored = await db.password.findUniqueOrThrow({ where: { userId: jo.id } });
    expect(await verifyPassword("amber-lighthouse-27", stored.hash)).toBe(true);
    expect(await mustChangePassword(db, jo.id)).toBe(true);
    expect(await db.accountToken.count({ where: { userId: jo.id } })).toBe(0);
    await setPassword(db, jo.id, "violet-harbour-91");
    expect(await mustChangePassword(db, jo.id)).toBe(false);
  });

  it("ends the invited state", async () => {
    const invited = await createStaff(db, SYSTEM, { ...person("new@school.org"), password: null });
    expect(invited.invited).toBe(true);
    await setPassword(db, invited.id, "amber-lighthouse-27");
    expect((await db.user.findUniqueOrThrow({ where: { id: invited.id } })).invitedAt).toBeNull();
  });
});

describe("temporary passwords from staff management", () => {
  it("makes a password an administrator sets temporary, on create and on edit", async () => {
    const admin = asCaller(await newAdmin(db));
    const created = await createStaff(db, admin, { ...person("jo@school.org"), password: "amber-lighthouse-27" });
    expect(await mustChangePassword(db, created.id)).toBe(true);
    await setPassword(db, created.id, "violet-harbour-91");
    await updateStaff(db, admin, created.id, { password: "silver-meadow-58" });
    expect(await mustChangePassword(db, created.id)).toBe(true);
  });

  it("lets the system say: the command line's passwords are temporary, others are not", async () => {
    const own = await createStaff(db, SYSTEM, { ...person("own@school.org"), password: "amber-lighthouse-27" });
    expect(await mustChangePassword(db, own.id)).toBe(false);
    const cli = await createStaff(db, SYSTEM, { ...person("cli@school.org"), password: "amber-lighthouse-27" }, { temporaryPassword: true });
    expect(await mustChangePassword(db, cli.id)).toBe(true);
  });
});

describe("sessions: confirmation and last active", () => {
  it("counts the sign-in as a confirmation, which goes stale after REAUTH_MINUTES", async () => {
    const jo = await newStaff(db);
    const { sessionToken } = await startSession(db, jo.id, false, { userAgent: "Mozilla/5.0", ip: "192.0.2.7" });
    const session = (await findSession(db, sessionToken))!;
    expect(isRecentlyConfirmed(session.confirmedAt, 10)).toBe(true);
    expect(isRecentlyConfirmed(session.confirmedAt, 10, Date.now() + 11 * 60_000)).toBe(false);
    expect(isRecentlyConfirmed(null, 10)).toBe(false);
    const later = new Date(Date.now() + 20 * 60_000);
    await markSessionConfirmed(db, sessionToken, later);
    expect((await findSession(db, sessionToken))!.confirmedAt?.getTime()).toBe(later.getTime());
  });

  it("writes last active at most once a minute", async () => {
    const jo = await newStaff(db);
    const { sessionToken } = await startSession(db, jo.id, false);
    const first = (await findSession(db, sessionToken))!.lastActiveAt!;
    await touchSession(db, sessionToken, first, new Date(first.getTime() + 30_000));
    expect((await findSession(db, sessionToken))!.lastActiveAt!.getTime()).toBe(first.getTime());
    const minuteLater = new Date(first.getTime() + 61_000);
    await touchSession(db, sessionToken, first, minuteLater);
    expect((await findSession(db, sessionToken))!.lastActiveAt!.getTime()).toBe(minuteLater.getTime());
  });

  it("reports a temporary password on the session", async () => {
    const jo = await newStaff(db);
    const { sessionToken } = await startSession(db, jo.id, false);
    expect((await findSession(db, sessionToken))!.mustChangePassword).toBe(false);
    await setPassword(db, jo.id, "amber-lighthouse-27", { temporary: true });
    expect((await findSession(db, sessionToken))!.mustChangePassword).toBe(true);
  });
});
