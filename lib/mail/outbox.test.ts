import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { claimNextMail, enqueueMail, markFailed, markSent, retryDelayMs, type ClaimedMail, type OutboxSettings } from "./outbox.ts";
import { deliverDue } from "./sender.ts";
import type { MailTransport } from "./transport.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

const SETTINGS: OutboxSettings = { leaseMs: 60_000, retryBaseMs: 1_000, maxAttempts: 3 };
const mail = (to: string) => ({ kind: "reset", to, subject: "Reset your Staffroom password", text: "Hello", html: "<p>Hello</p>", link: "http://x/reset-password?token=abc" });

/** Records what it was asked to send; fails while `down` is true. */
function recordingTransport() {
  const sent: string[] = [];
  const transport: MailTransport & { down: boolean } = {
    name: "test",
    down: false,
    async send(message: ClaimedMail) {
      if (transport.down) throw new Error("connect ECONNREFUSED 127.0.0.1:2525");
      sent.push(message.to);
    },
  };
  return { sent, transport };
}

describe("the mail outbox", () => {
  it("keeps the body sealed at rest, and forgets it once sent", async () => {
    const id = await enqueueMail(db, mail("jo@school.org"));
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row.body).not.toContain("token=abc");
    const claimed = (await claimNextMail(db, SETTINGS))!;
    expect(claimed).toMatchObject({ id, to: "jo@school.org", text: "Hello", link: "http://x/reset-password?token=abc", attempts: 1 });
    await markSent(db, claimed);
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ body: "", sentAt: expect.any(Date) });
    expect(await claimNextMail(db, SETTINGS)).toBeNull();
  });

  it("lets only one of two senders claim a message", async () => {
    await enqueueMail(db, mail("jo@school.org"));
    const [first, second] = await Promise.all([claimNextMail(db, SETTINGS), claimNextMail(db, SETTINGS)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
  });

  it("lets another sender take over a claim that ran out (a crashed sender)", async () => {
    await enqueueMail(db, mail("jo@school.org"));
    const now = Date.now();
    expect(await claimNextMail(db, SETTINGS, new Date(now))).not.toBeNull();
    expect(await claimNextMail(db, SETTINGS, new Date(now + 30_000))).toBeNull();
    expect(await claimNextMail(db, SETTINGS, new Date(now + 61_000))).toMatchObject({ attempts: 2 });
  });

  it("sends every message exactly once when several senders run at once", async () => {
    for (let i = 0; i < 12; i++) await enqueueMail(db, mail(`person-${i}@school.org`));
    const { sent, transport } = recordingTransport();
    await Promise.all([deliverDue(db, transport, SETTINGS), deliverDue(db, transport, SETTINGS), deliverDue(db, transport, SETTINGS)]);
    expect(sent.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `person-${i}@school.org`).sort());
    expect(await db.outboxMail.count({ where: { sentAt: null } })).toBe(0);
  });

  it("retries a failed send later, with a growing delay, and audits the first failure", async () => {
    const id = await enqueueMail(db, mail("jo@school.org"));
    const { sent, transport } = recordingTransport();
    transport.down = true;
    expect(await deliverDue(db, transport, SETTINGS)).toEqual({ sent: 0, failed: 1 });
    const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null, lastError: expect.stringContaining("ECONNREFUSED") });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried again before its time.
    expect(await deliverDue(db, transport, SETTINGS)).toEqual({ sent: 0, failed: 0 });
    expect(await db.auditEvent.findMany({ where: { action: "mail.failed" }, select: { targetEmail: true } })).toEqual([{ targetEmail: "jo@school.org" }]);

    transport.down = false;
    const later = new Date(row.nextAttemptAt.getTime() + 1);
    const claimed = (await claimNextMail(db, SETTINGS, later))!;
    await transport.send(claimed);
    await markSent(db, claimed);
    expect(sent).toEqual(["jo@school.org"]);
    expect(retryDelayMs(1, 1_000)).toBe(1_000);
    expect(retryDelayMs(4, 1_000)).toBe(8_000);
    expect(retryDelayMs(40, 1_000)).toBe(3_600_000);
  });

  it("gives up after the last attempt, says so in the audit log, and forgets the body", async () => {
    const id = await enqueueMail(db, mail("jo@school.org"));
    let now = Date.now();
    for (let attempt = 1; attempt <= SETTINGS.maxAttempts; attempt++) {
      const claimed = (await claimNextMail(db, SETTINGS, new Date(now)))!;
      expect(claimed.attempts).toBe(attempt);
      const outcome = await markFailed(db, claimed, new Error("550 mailbox unavailable"), SETTINGS, new Date(now));
      expect("gaveUp" in outcome).toBe(attempt === SETTINGS.maxAttempts);
      now += 3_600_001;
    }
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ failedAt: expect.any(Date), body: "" });
    expect(await claimNextMail(db, SETTINGS, new Date(now))).toBeNull();
    const audits = await db.auditEvent.findMany({ where: { action: "mail.failed" }, orderBy: { id: "asc" } });
    expect(audits.map((entry) => JSON.parse(entry.details).retrying)).toEqual([true, false]);
  });
});
