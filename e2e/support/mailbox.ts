// What the suite's SMTP server (e2e/support/smtp-sink.ts) has received, for specs: wait for a
// message to someone with a subject, read the link in it, or see that nothing came.
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { SMTP_SINK_DIR } from "./env";
import type { ReceivedMail } from "./smtp-sink";

export type { ReceivedMail };

function readAll(): ReceivedMail[] {
  if (!fs.existsSync(SMTP_SINK_DIR)) return [];
  return fs
    .readdirSync(SMTP_SINK_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(SMTP_SINK_DIR, name), "utf8")) as ReceivedMail);
}

type Match = { to: string; subject?: string };

const matching = ({ to, subject }: Match) => (mail: ReceivedMail) => mail.to.includes(to.toLowerCase()) && (subject === undefined || mail.subject === subject);

export const mailbox = {
  /** Every message to `to` (with `subject`) received so far, oldest first. */
  all(match: Match): ReceivedMail[] {
    return readAll().filter(matching(match));
  },
  /**
   * The `count`-th message to `to` with `subject` (1 = the first), waiting until it has come.
   * Polls the sink's folder: the server sends in the background.
   */
  async waitFor(match: Match, options: { count?: number; timeout?: number } = {}): Promise<ReceivedMail> {
    const count = options.count ?? 1;
    await expect
      .poll(() => mailbox.all(match).length, { message: `mail #${count} to ${match.to}${match.subject ? ` "${match.subject}"` : ""}`, timeout: options.timeout ?? 15_000 })
      .toBeGreaterThanOrEqual(count);
    return mailbox.all(match)[count - 1]!;
  },
};

/** The Staffroom link a mail carries (written out in full in the text part). */
export function linkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}

/** The same link as a path on the server under test (it may be served at another address). */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
