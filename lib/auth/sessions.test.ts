import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { endSession, endSessionsOf, findSessionUser, sessionLifetimeMs, startSession } from "./sessions.ts";

const HOUR = 3600 * 1000;

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

const addStaff = (email: string) => newStaff(db, { email, firstName: "Jo", lastName: "Bloggs", username: "jbloggs" });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("sessions", () => {
  it("starts a 12-hour session without Remember me, and a 30-day one with it", async () => {
    const staff = await addStaff("jo@school.org");
    const before = Date.now();
    const short = await startSession(db, staff.id, false);
    const long = await startSession(db, staff.id, true);
    const after = Date.now();
    expect(short.expires.getTime()).toBeGreaterThanOrEqual(before + 12 * HOUR);
    expect(short.expires.getTime()).toBeLessThanOrEqual(after + 12 * HOUR);
    expect(long.expires.getTime()).toBeGreaterThanOrEqual(before + 30 * 24 * HOUR);
    expect(long.expires.getTime()).toBeLessThanOrEqual(after + 30 * 24 * HOUR);

    const rows = await db.session.findMany({ where: { userId: staff.id }, orderBy: { expires: "asc" } });
    expect(rows.map((row) => [row.sessionToken, row.expires.getTime()])).toEqual([
      [short.sessionToken, short.expires.getTime()],
      [long.sessionToken, long.expires.getTime()],
    ]);
  });

  it("gives every login a new, unguessable token", async () => {
    const staff = await addStaff("jo@school.org");
    const a = await startSession(db, staff.id, false);
    const b = await startSession(db, staff.id, false);
    expect(a.sessionToken).not.toBe(b.sessionToken);
    expect(a.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("follows SESSION_HOURS and REMEMBER_ME_DAYS", () => {
    vi.stubEnv("SESSION_HOURS", "2");
    vi.stubEnv("REMEMBER_ME_DAYS", "7");
    expect(sessionLifetimeMs(false)).toBe(2 * HOUR);
    expect(sessionLifetimeMs(true)).toBe(7 * 24 * HOUR);
  });

  it("finds the user behind a live session", async () => {
    const staff = await addStaff("jo@school.org");
    const { sessionToken } = await startSession(db, staff.id, false);
    expect(await findSessionUser(db, sessionToken)).toEqual({
      id: staff.id,
      email: "jo@school.org",
      firstName: "Jo",
      lastName: "Bloggs",
      username: "jbloggs",
      roles: ["staff"],
      isAdmin: false,
    });
  });

  it("finds nobody for an unknown, expired or ended session", async () => {
    const staff = await addStaff("jo@school.org");
    expect(await findSessionUser(db, "no-such-session")).toBeNull();

    const expired = await startSession(db, staff.id, false);
    await db.session.update({ where: { sessionToken: expired.sessionToken }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(db, expired.sessionToken)).toBeNull();

    const ended = await startSession(db, staff.id, false);
    await endSession(db, ended.sessionToken);
    expect(await findSessionUser(db, ended.sessionToken)).toBeNull();
    expect(await db.session.count({ where: { sessionToken: ended.sessionToken } })).toBe(0);
  });

  it("finds nobody once the user is deactivated", async () => {
    const staff = await addStaff("jo@school.org");
    const { sessionToken } = await startSession(db, staff.id, true);
    await db.user.update({ where: { id: staff.id }, data: { active: false } });
    expect(await findSessionUser(db, sessionToken)).toBeNull();
  });

  it("clears away the person's expired sessions when they log in again", async () => {
    const staff = await addStaff("jo@school.org");
    const old = await startSession(db, staff.id, false);
    await db.session.update({ where: { sessionToken: old.sessionToken }, data: { expires: new Date(Date.now() - 1000) } });
    await startSession(db, staff.id, false);
    expect(await db.session.count({ where: { sessionToken: old.sessionToken } })).toBe(0);
    expect(await db.session.count({ where: { userId: staff.id } })).toBe(1);
  });

  it("ends every session of one person, or every one but the session in use", async () => {
    const jo = await addStaff("jo@school.org");
    const ann = await newStaff(db, { email: "ann@school.org", firstName: "Ann", lastName: "Other" });
    const keep = await startSession(db, jo.id, false);
    const other1 = await startSession(db, jo.id, false);
    const other2 = await startSession(db, jo.id, true);
    const annSession = await startSession(db, ann.id, false);

    expect(await endSessionsOf(db, jo.id, { except: keep.sessionToken })).toBe(2);
    expect(await findSessionUser(db, keep.sessionToken)).not.toBeNull();
    expect(await findSessionUser(db, other1.sessionToken)).toBeNull();
    expect(await findSessionUser(db, other2.sessionToken)).toBeNull();
    expect(await findSessionUser(db, annSession.sessionToken)).not.toBeNull();

    expect(await endSessionsOf(db, jo.id)).toBe(1);
    expect(await findSessionUser(db, keep.sessionToken)).toBeNull();
    expect(await findSessionUser(db, annSession.sessionToken)).not.toBeNull();
  });
});
