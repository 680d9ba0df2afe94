// Recovery codes: the way in when the phone is lost. Ten per person, each 80 random bits
// (far beyond guessing under the login throttle), so a fast hash is enough: SHA-256 of the
// normalised code, the same reasoning as API tokens (docs/decisions/012-two-factor.md).
import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32 alphabet: no I, L, O, U, so nothing is misread when typed from paper.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** "xxxxx-xxxxx-xxxxx-x": 16 characters of base32 (80 bits), grouped for reading. */
export function newRecoveryCode(): string {
  const raw = encode(randomBytes(10));
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, newRecoveryCode);
}

/** Case, spaces and dashes do not matter; look-alike letters are read as Crockford does. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "").replace(/[o]/g, "0").replace(/[il]/g, "1");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[0-9a-hjkmnp-tv-z]{16}$/.test(normaliseRecoveryCode(code));
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(`staffroom-recovery:${normaliseRecoveryCode(code)}`).digest("hex");
}
