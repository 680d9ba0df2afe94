// Where mail goes: the SMTP server in SMTP_URL, or, without one (the embedded default), an
// .eml file per message in data/outbox/ with its link printed in the server log.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { dataDir, mailFrom, smtpUrl } from "../config/env.ts";
import type { ClaimedMail } from "./outbox.ts";

export type MailTransport = { name: string; send: (mail: ClaimedMail) => Promise<void> };

// Short enough that a claim (five minutes) never runs out while a send is still under way.
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

const envelope = (mail: ClaimedMail) => ({ from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...TIMEOUTS } as never);
  return {
    name: `SMTP ${new URL(url).host}`,
    async send(mail) {
      await transporter.sendMail(envelope(mail));
    },
  };
}

export function outboxDirectory(): string {
  return path.join(dataDir(), "outbox");
}

export function fileTransport(directory = outboxDirectory()): MailTransport {
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    name: `files in ${directory}`,
    async send(mail) {
      const info = await writer.sendMail(envelope(mail));
      await fs.mkdir(directory, { recursive: true, mode: 0o700 });
      const file = path.join(directory, `${mail.createdAt.toISOString().replace(/[:.]/g, "-")}-${mail.id}-${mail.kind}.eml`);
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      console.log(`[mail] SMTP_URL is not set: wrote ${file} (${mail.kind} for ${mail.to})${mail.link ? `; its link: ${mail.link}` : ""}`);
    },
  };
}

export function configuredTransport(): MailTransport {
  const url = smtpUrl();
  return url ? smtpTransport(url) : fileTransport();
}
