// TOTP per RFC 6238 as PRODUCT.md fixes it: SHA-1, 6 digits, 30-second steps, one step
// either side accepted (clocks drift), and each step usable once per person: the caller
// stores the step a code was accepted for and passes it back as `afterStep`.
import { generateSecret, generateURI, verify } from "otplib";
import { openBound, sealBound } from "../secret-box.ts";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = "Staffroom";

export function newTotpSecret(): string {
  // 20 random bytes (160 bits), RFC 4226's recommended length for SHA-1.
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret, algorithm: "sha1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The setup key as people type it: base32 in groups of four. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * The time step the code belongs to, or null when it is wrong, outside the window, or for a
 * step at or before `afterStep` (already used, or older than one that was).
 */
export async function verifyTotp(secret: string, code: string, afterStep: number, now = Date.now()): Promise<number | null> {
  if (!looksLikeTotpCode(code)) return null;
  const result = await verify({
    secret,
    token: code,
    algorithm: "sha1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    afterTimeStep: afterStep,
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// A TOTP secret at rest (lib/auth/secret-box.ts): bound to the person's id, so that a sealed
// secret copied onto another person's row does not open.
const TOTP_PURPOSE = "staffroom totp secret v1";

export function sealTotpSecret(plain: string, userId: string, authSecret?: string): string {
  return sealBound(TOTP_PURPOSE, plain, userId, authSecret);
}

/** Throws when the value was tampered with, belongs to someone else, or AUTH_SECRET changed. */
export function openTotpSecret(sealed: string, userId: string, authSecret?: string): string {
  return openBound(TOTP_PURPOSE, sealed, userId, authSecret);
}
