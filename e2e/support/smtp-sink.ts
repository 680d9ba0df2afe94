// A real SMTP server for the end-to-end suite (smtp-server + mailparser, in-process): it
// accepts every message on 127.0.0.1 and keeps each as a small object. `startSmtpSink` is
// used in a spec (a server that is down at first, then starts); run as a script, it is the
// suite's mail server (playwright.config.ts starts it as a webServer) and writes each
// message as JSON into a folder, which the test workers read (e2e/support/mailbox.ts).
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { id: string; to: string[]; from: string; subject: string; text: string; html: string; receivedAt: string };

export type SmtpSink = {
  port: number;
  received: ReceivedMail[];
  /** Resolves with the first message (already here or still to come) that matches. */
  next: (matches: (mail: ReceivedMail) => boolean) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
};

const addresses = (value: unknown): string[] => {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry: { value?: { address?: string }[] }) => (entry.value ?? []).map((item) => (item.address ?? "").toLowerCase()));
};

export async function startSmtpSink(port: number, onMail?: (mail: ReceivedMail) => void): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const events = new EventEmitter();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "test" }),
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const mail: ReceivedMail = {
            id: randomUUID(),
            to: addresses(parsed.to),
            from: addresses(parsed.from)[0] ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: new Date().toISOString(),
          };
          received.push(mail);
          onMail?.(mail);
          events.emit("mail", mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    received,
    next: (matches) =>
      new Promise((resolve) => {
        const already = received.find(matches);
        if (already) return resolve(already);
        const listener = (mail: ReceivedMail) => {
          if (!matches(mail)) return;
          events.off("mail", listener);
          resolve(mail);
        };
        events.on("mail", listener);
      }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const port = Number(process.env.SMTP_SINK_PORT);
  const folder = process.env.SMTP_SINK_DIR!;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  await startSmtpSink(port, (mail) => {
    // Written whole, then renamed: a reader never sees half a message.
    const file = path.join(folder, `${mail.receivedAt.replace(/[:.]/g, "-")}-${mail.id}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(mail));
    fs.renameSync(`${file}.tmp`, file);
  });
  console.log(`[smtp-sink] listening on 127.0.0.1:${port}, writing to ${folder}`);
}
