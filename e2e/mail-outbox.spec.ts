// The mail outbox on servers of their own: a message queued while the SMTP server is down is
// retried until it is back (nothing lost, nothing sent twice), and without SMTP_URL mail is
// written to data/outbox/*.eml, its link shown to the administrator instead.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { INVITATION_SUBJECT } from "../lib/accounts/account-mails";
import { createDb } from "../lib/db/client";
import { startDedicatedServer, freePort } from "./support/dedicated-server";
import { ADMIN } from "./support/env";
import { expect, test, uniqueEmail } from "./support/fixtures";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

const asAdmin = { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString("base64")}`, "content-type": "application/json" };

async function invite(baseURL: string, email: string) {
  const response = await fetch(`${baseURL}/api/v1/staff`, {
    method: "POST",
    headers: asAdmin,
    body: JSON.stringify({ email, firstName: "Otto", lastName: "Outbox", roles: ["staff"] }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { user: { id: string }; invitationLink?: string };
}

test("a mail queued while the SMTP server is down is sent when it comes back: nothing lost, nothing sent twice", { tag: "@database-independent" }, async () => {
  test.setTimeout(120_000);
  const smtpPort = await freePort();
  const server = await startDedicatedServer("outbox", { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_RETRY_BASE_MS: "100", MAIL_POLL_MS: "200" });
  const db = createDb(`file:${server.databaseFile}`);
  let sink: SmtpSink | undefined;
  try {
    const first = uniqueEmail("outbox-first");
    await invite(server.baseURL, first);

    await test.step("the server is down: the message stays in the outbox and is retried", async () => {
      await expect.poll(async () => (await db.outboxMail.findFirst({ where: { recipient: first } }))?.attempts ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      const row = await db.outboxMail.findFirstOrThrow({ where: { recipient: first } });
      expect(row).toMatchObject({ sentAt: null, failedAt: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
      // Administrators see it in the audit log.
      expect(await db.auditEvent.count({ where: { action: "mail.failed", targetEmail: first } })).toBe(1);
    });

    await test.step("the server comes back: the message arrives, once", async () => {
      sink = await startSmtpSink(smtpPort);
      const mail = await sink.next((received) => received.to.includes(first));
      expect(mail.subject).toBe(INVITATION_SUBJECT);
      await expect.poll(async () => (await db.outboxMail.findFirstOrThrow({ where: { recipient: first } })).sentAt).not.toBeNull();
      // A second message, sent after the first was marked sent, arriving shows the sender
      // has been round again: the first has still come exactly once.
      const second = uniqueEmail("outbox-second");
      await invite(server.baseURL, second);
      await sink.next((received) => received.to.includes(second));
      expect(sink.received.filter((received) => received.to.includes(first))).toHaveLength(1);
    });
  } finally {
    await db.$disconnect();
    await sink?.stop();
    await server.stop();
  }
});

test("without SMTP_URL a mail is written to data/outbox as an .eml file, and the administrator gets the link", { tag: "@database-independent" }, async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-outbox-"));
  const server = await startDedicatedServer("no-smtp", { SMTP_URL: "", STAFFROOM_DATA_DIR: dataDir, MAIL_POLL_MS: "200" });
  try {
    const email = uniqueEmail("eml");
    const { invitationLink } = await invite(server.baseURL, email);
    expect(invitationLink).toMatch(/\/reset-password\?token=[\w-]{43}$/);
    const outbox = path.join(dataDir, "outbox");
    const emlFiles = () => (fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((name) => name.endsWith("-invitation.eml")) : []);
    await expect.poll(() => emlFiles().length, { timeout: 15_000 }).toBe(1);
    const eml = fs.readFileSync(path.join(outbox, emlFiles()[0]!), "utf8");
    expect(eml).toContain(`To: ${email}`);
    expect(eml).toContain(`Subject: ${INVITATION_SUBJECT}`);
    expect(eml.replace(/=\r?\n/g, "")).toContain(invitationLink!.split("token=")[1]!.slice(0, 20));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
