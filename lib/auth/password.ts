// Password hashing: bcrypt (bcryptjs) at cost 12, in worker threads so that a burst of
// logins cannot stall every other request (bcryptjs blocks the event loop for ~100 ms
// chunks even through its async API). docs/decisions/004-passwords.md explains the choices.
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { bcryptCost, bcryptThreads } from "../config/env.ts";

const BCRYPT_MAX_BYTES = 72;

// bcrypt ignores everything after 72 bytes, so two long passwords sharing their first 72
// bytes would be interchangeable. Longer passwords are therefore hashed with SHA-384 first;
// its base64 form (64 characters) fits, and passwords of 72 bytes or fewer stay plain bcrypt.
export function bcryptInput(password: string): string {
  if (Buffer.byteLength(password, "utf8") <= BCRYPT_MAX_BYTES) return password;
  return createHash("sha384").update(password, "utf8").digest("base64");
}

let pool: Piscina | undefined;

function workers(): Piscina {
  pool ??= new Piscina({
    // Resolved from the project directory: the worker runs unbundled, like a script.
    filename: path.join(process.cwd(), "lib/auth/bcrypt-worker.mjs"),
    maxThreads: bcryptThreads() ?? Math.max(1, availableParallelism() - 1),
    minThreads: 1,
    idleTimeout: 60_000,
  });
  return pool;
}

export async function hashPassword(password: string, cost = bcryptCost()): Promise<string> {
  return workers().run({ password: bcryptInput(password), cost }, { name: "hash" });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return workers().run({ password: bcryptInput(password), hash }, { name: "compare" });
}

/**
 * A bcrypt hash checked against exactly the bytes given, without bcryptInput's pre-hash: for
 * hashes another system made (lib/auth/legacy/), whose inputs were never pre-hashed.
 */
export async function compareBcrypt(input: string, hash: string): Promise<boolean> {
  return workers().run({ password: input, hash }, { name: "compare" });
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same bcrypt work as checking a real password, for logins with an unknown email,
 * so that the answer's timing does not tell whether an account exists.
 */
export async function spendEquivalentWork(password: string): Promise<false> {
  dummyHash ??= hashPassword("staffroom-timing-equaliser");
  await verifyPassword(password, await dummyHash);
  return false;
}

/** The cost a hash was made with, from its "$2b$12$..." prefix. */
export function hashCost(hash: string): number {
  return Number(/^\$2[abxy]?\$(\d{2})\$/.exec(hash)?.[1] ?? 0);
}

/** True when a stored hash is cheaper than today's cost and should be re-made at login. */
export function needsRehash(hash: string, cost = bcryptCost()): boolean {
  return hashCost(hash) < cost;
}

export async function closePasswordWorkers(): Promise<void> {
  await pool?.destroy();
  pool = undefined;
}
