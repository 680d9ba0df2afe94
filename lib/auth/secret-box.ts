// Small secrets Staffroom must keep but never show (an imported application's password
// salt): AES-256-GCM with a key derived from AUTH_SECRET by HKDF, one key per purpose, so
// that a database copy alone reveals nothing. Changing AUTH_SECRET makes them unreadable.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../config/env.ts";

const VERSION = "v1";

function keyFor(purpose: string): Buffer {
  const secret = authSecret();
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return Buffer.from(hkdfSync("sha256", secret, "staffroom secret-box", purpose, 32));
}

export function sealSecret(plain: Buffer, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The secret, or null when it was sealed under another AUTH_SECRET or purpose, or is damaged. */
export function openSecret(sealed: string, purpose: string): Buffer | null {
  const [version, payload] = sealed.split(".");
  if (version !== VERSION || !payload) return null;
  const bytes = Buffer.from(payload, "base64url");
  if (bytes.length < 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  } catch {
    return null;
  }
}
