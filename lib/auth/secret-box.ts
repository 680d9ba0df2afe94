// Small secrets Staffroom must keep but never show: an imported application's password salt,
// mail bodies waiting in the outbox, TOTP secrets, recovery codes waiting in a cookie to be
// shown. AES-256-GCM under a key derived from AUTH_SECRET by HKDF-SHA256, one key per
// purpose, so that a database copy alone reveals nothing; changing AUTH_SECRET makes them
// unreadable. AUTH_SECRET never lives in the database.
//
// This was two modules once, and data sealed by each is stored: both layouts stay readable
// exactly as they were written (same HKDF salt, same encoding), so no migration is needed.
// - "plain" boxes (sealSecret/openSecret): salt "staffroom secret-box", "v1.<iv|tag|body>",
//   bytes in and out, null when they do not open;
// - "bound" boxes (sealBound/openBound): salt "staffroom", "v1.<iv>.<tag>.<body>", text in
//   and out, with associated data (e.g. the person's id, so that a value copied onto
//   another row does not open), and they throw when they do not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../config/env.ts";

const VERSION = "v1";
const PLAIN_SALT = "staffroom secret-box";
const BOUND_SALT = "staffroom";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const currentSecret = () => authSecret() ?? "";

function keyFor(secret: string, salt: string, purpose: string): Buffer {
  if (!secret) throw new Error("AUTH_SECRET is not set: it is needed to encrypt secrets at rest");
  return Buffer.from(hkdfSync("sha256", secret, salt, purpose, 32));
}

function encrypt(key: Buffer, plain: Buffer, associated?: string) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (associated !== undefined) cipher.setAAD(Buffer.from(associated));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

/** Throws when the key, the associated data or the bytes are not the ones it was sealed with. */
function decrypt(key: Buffer, { iv, tag, body }: { iv: Buffer; tag: Buffer; body: Buffer }, associated?: string): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  if (associated !== undefined) decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export function sealSecret(plain: Buffer, purpose: string): string {
  const { iv, tag, body } = encrypt(keyFor(currentSecret(), PLAIN_SALT, purpose), plain);
  return `${VERSION}.${Buffer.concat([iv, tag, body]).toString("base64url")}`;
}

/** The secret, or null when it was sealed under another AUTH_SECRET or purpose, or is damaged. */
export function openSecret(sealed: string, purpose: string): Buffer | null {
  const [version, payload] = sealed.split(".");
  if (version !== VERSION || !payload) return null;
  const bytes = Buffer.from(payload, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const key = keyFor(currentSecret(), PLAIN_SALT, purpose);
    return decrypt(key, { iv: bytes.subarray(0, IV_BYTES), tag: bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), body: bytes.subarray(IV_BYTES + TAG_BYTES) });
  } catch {
    return null;
  }
}

/** Sealed text bound to `associated` (e.g. a person's id): it opens only with the same value. */
export function sealBound(purpose: string, plain: string, associated: string, secret = currentSecret()): string {
  const { iv, tag, body } = encrypt(keyFor(secret, BOUND_SALT, purpose), Buffer.from(plain, "utf8"), associated);
  return [VERSION, iv, tag, body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Throws when the value was tampered with, is bound to something else, or AUTH_SECRET changed. */
export function openBound(purpose: string, sealed: string, associated: string, secret = currentSecret()): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Unknown sealed value format");
  const parts = { iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), body: Buffer.from(body, "base64url") };
  return decrypt(keyFor(secret, BOUND_SALT, purpose), parts, associated).toString("utf8");
}
