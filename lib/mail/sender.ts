// Sends what the outbox holds, in the background of each app instance: woken when a request
// has queued a message, and otherwise every few seconds (retries, other instances' messages,
// leftovers from before a restart). One sender per process, shared through globalThis
// because the custom server and the Next.js bundle each load their own copy of this module.
import { mailPollMs } from "../config/env.ts";
import { createDb, type Db } from "../db/client.ts";
import { claimNextMail, markFailed, markSent, nextDueAt, outboxSettings, type OutboxSettings } from "./outbox.ts";
import { configuredTransport, type MailTransport } from "./transport.ts";

/** Sends every message that is due now; resolves when none is left. */
export async function deliverDue(
  db: Db,
  transport: MailTransport,
  settings: OutboxSettings = outboxSettings(),
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const mail = await claimNextMail(db, settings);
    if (!mail) return { sent, failed };
    try {
      await transport.send(mail);
    } catch (error) {
      failed++;
      await markFailed(db, mail, error, settings);
      continue;
    }
    await markSent(db, mail);
    sent++;
  }
}

type SenderState = { wake: () => void; stop: () => Promise<void> };

const KEY = Symbol.for("staffroom.mail-sender");
const registry = globalThis as typeof globalThis & { [KEY]?: SenderState };


/** Starts this process's sender if it is not running yet. */
export function startMailSender(options: { db?: Db; transport?: MailTransport } = {}): SenderState {
  const existing = registry[KEY];
  if (existing) return existing;
  const db = options.db ?? createDb();
  const transport = options.transport ?? configuredTransport();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = async () => {
    if (stopped) return;
    const next = await nextDueAt(db).catch(() => null);
    const wait = next ? Math.max(0, Math.min(mailPollMs(), next.getTime() - Date.now())) : mailPollMs();
    clearTimeout(timer);
    timer = setTimeout(wake, wait);
    timer.unref();
  };

  const run = async () => {
    do {
      again = false;
      try {
        await deliverDue(db, transport);
      } catch (error) {
        // The database is away (a restart, a failover): the next round tries again.
        console.error("[mail] the outbox could not be read:", (error as Error).message);
      }
    } while (again && !stopped);
    await schedule();
  };

  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => (running = null));
  }

  const state: SenderState = {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      delete registry[KEY];
    },
  };
  registry[KEY] = state;
  console.log(`[mail] sending through ${transport.name}`);
  wake();
  return state;
}

/**
 * After a request queued mail (and its transaction committed): send it now, in the
 * background. Only the server runs a sender (server.ts starts it); elsewhere (the command
 * line, test workers) this does nothing and the server's sender finds the message on its
 * next round.
 */
export function wakeMailSender(): void {
  const sender = registry[KEY];
  if (sender) setImmediate(sender.wake);
}
