import { describe, expect, it } from "vitest";
import { setPassword } from "../auth/password-store.ts";
import { PASSWORD_SCOPE } from "../auth/throttle.ts";
import { verifyPassword } from "../auth/password.ts";
import { findSessionUser, startSession } from "../auth/sessions.ts";
import type { Db } from "../db/client.ts";
import { SYSTEM } from "../identity/caller.ts";
import { createStaffAndInvite } from "../staff/staff-service.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { createApiToken, findTokenUser } from "../tokens/token-service.ts";
import { asCaller } from "../testing/people.ts";
import { claimNextMail } from "../mail/outbox.ts";
import { findValidLink, hashLinkToken, issueLinkToken, linkLifetimeMs } from "./account-links.ts";
import { INVITATION_SUBJECT, RESET_SUBJECT } from "./account-mails.ts";
import { sendInvitation } from "./invitations.ts";
import { admitResetRequest, completeWithLink, sendResetLinkIfAccountExists, UnusableLinkError } from "./password-reset.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

const NEW = "amber-lighthouse-27";
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

describe("reset and invitation links", () => {
  it("are 256 random bits, stored only as their SHA-256", async () => {
    const jo = await newStaff(db);
    const token = await issueLinkToken(db, jo.id, "reset");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await db.accountToken.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("expire: 30 minutes for a reset, 7 days for an invitation", async () => {
    const jo = await newStaff(db);
    const now = new Date();
    const token = await issueLinkToken(db, jo.id, "reset", now);
    expect(linkLifetimeMs("reset")).toBe(30 * 60_000);
    expect(linkLifetimeMs("invitation")).toBe(7 * 24 * 3_600_000);
    expect(await findValidLink(db, token, new Date(now.getTime() + 29 * 60_000))).not.toBeNull();
    expect(await findValidLink(db, token, new Date(now.getTime() + 30 * 60_000))).toBeNull();
    expect(await findValidLink(db, "not-a-token")).toBeNull();
  });

  it("a newer link replaces the older one, and any password change voids them", async () => {
    const jo = await newStaff(db);
    const older = await issueLinkToken(db, jo.id, "reset");
    const newer = await issueLinkToken(db, jo.id, "reset");
    expect(await findValidLink(db, older)).toBeNull();
    expect(await findValidLink(db, newer)).not.toBeNull();
    await setPassword(db, jo.id, NEW);
    expect(await findValidLink(db, newer)).toBeNull();
  });

  it("an inactive person's link does not work", async () => {
    const jo = await newStaff(db, { active: false });
    expect(await findValidLink(db, await issueLinkToken(db, jo.id, "reset"))).toBeNull();
  });
});

describe("completeWithLink", () => {
  it("sets the password once, ends every session and API token, and is audited", async () => {
    const jo = await newStaff(db);
    const session = await startSession(db, jo.id, false);
    const { token: apiToken } = await createApiToken(db, asCaller(jo), "script");
    const token = await issueLinkToken(db, jo.id, "reset");
    expect(await completeWithLink(db, { token, password: NEW, ip: "192.0.2.1" })).toEqual({ purpose: "reset", email: jo.email });
    expect(await verifyPassword(NEW, (await db.password.findUniqueOrThrow({ where: { userId: jo.id } })).hash)).toBe(true);
    expect(await findSessionUser(db, session.sessionToken)).toBeNull();
    expect(await findTokenUser(db, apiToken)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "password.reset", targetId: jo.id } })).toBe(1);
    await expect(completeWithLink(db, { token, password: "violet-harbour-91", ip: "192.0.2.1" })).rejects.toBeInstanceOf(UnusableLinkError);
  });

  it("lets only one of two submissions of the same link through", async () => {
    const jo = await newStaff(db);
    const token = await issueLinkToken(db, jo.id, "reset");
    const results = await Promise.allSettled([
      completeWithLink(db, { token, password: NEW, ip: "192.0.2.1" }),
      completeWithLink(db, { token, password: "violet-harbour-91", ip: "192.0.2.1" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });
});

describe("asking for a reset", () => {
  it("queues a mail for an active account only", async () => {
    const jo = await newStaff(db, { email: "jo@school.org" });
    await newStaff(db, { email: "gone@school.org", active: false });
    await sendResetLinkIfAccountExists(db, " JO@school.org ", "192.0.2.1");
    await sendResetLinkIfAccountExists(db, "gone@school.org", "192.0.2.1");
    await sendResetLinkIfAccountExists(db, "nobody@school.org", "192.0.2.1");
    const mail = (await claimNextMail(db))!;
    expect(mail).toMatchObject({ to: jo.email, subject: RESET_SUBJECT });
    expect(await findValidLink(db, tokenOf(mail.link!))).toMatchObject({ purpose: "reset", user: { id: jo.id } });
    expect(mail.text).toContain(mail.link);
    expect(await claimNextMail(db)).toBeNull();
  });

  it("is throttled per email, whether or not the account exists", async () => {
    for (let i = 0; i < 5; i++) await admitResetRequest(db, "nobody@school.org", "192.0.2.1");
    await expect(admitResetRequest(db, "NOBODY@school.org", "192.0.2.1")).rejects.toThrow(/Too many requests/);
    // A flood of reset requests does not count against the login.
    expect(await db.authFailure.count({ where: { scope: { startsWith: PASSWORD_SCOPE } } })).toBe(0);
  });
});

describe("invitations", () => {
  it("a person created without a password is invited, and the invitation again voids the first link", async () => {
    const { user, invitation } = await createStaffAndInvite(db, SYSTEM, { email: "new@school.org", firstName: "New", lastName: "Person", username: null, subjectGroupId: null, roles: ["staff"], active: true, password: null });
    expect(user.invited).toBe(true);
    const first = (await claimNextMail(db))!;
    expect(first).toMatchObject({ to: "new@school.org", subject: INVITATION_SUBJECT, link: invitation!.link });
    const again = await sendInvitation(db, user.id, { again: true });
    expect(await findValidLink(db, tokenOf(invitation!.link))).toBeNull();
    expect(await completeWithLink(db, { token: tokenOf(again.link), password: NEW, ip: "192.0.2.1" })).toMatchObject({ purpose: "invitation" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).invitedAt).toBeNull();
    await expect(sendInvitation(db, user.id)).rejects.toThrow(/already chosen a password/);
  });
});
