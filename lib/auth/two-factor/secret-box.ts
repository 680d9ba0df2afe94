// Encryption at rest for TOTP secrets. A database dump alone must not let anyone compute a
// person's codes, so each secret is sealed with AES-256-GCM under a key derived (HKDF-SHA256)
// from AUTH_SECRET, which never lives in the database. The purpose string keeps this key
// apart from every other use of AUTH_SECRET (Auth.js derives its own keys from it too).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../../config/env.ts";

const VERSION = "v1";
const TOTP_PURPOSE = "staffroom totp secret v1";

function keyFrom(authSecret: string, purpose: string): Buffer {
  if (!authSecret) throw new Error("AUTH_SECRET is needed to encrypt two-factor secrets");
  return Buffer.from(hkdfSync("sha256", authSecret, "staffroom", purpose, 32));
}

function currentSecret(): string {
  return authSecret() ?? "";
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts; the user id is bound in as associated data. */
export function sealSecret(plain: string, userId: string, authSecret = currentSecret()): string {
  return seal(TOTP_PURPOSE, plain, userId, authSecret);
}

/** Throws when the value was tampered with, belongs to someone else, or AUTH_SECRET changed. */
export function openSecret(sealed: string, userId: string, authSecret = currentSecret()): string {
  return open(TOTP_PURPOSE, sealed, userId, authSecret);
}

/** The same sealing under another purpose's key (e.g. recovery codes waiting in a cookie to be shown). */
export function seal(purpose: string, plain: string, associated: string, authSecret = currentSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(authSecret, purpose), iv);
  cipher.setAAD(Buffer.from(associated));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function open(purpose: string, sealed: string, associated: string, authSecret = currentSecret()): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Unknown two-factor secret format");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(authSecret, purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
