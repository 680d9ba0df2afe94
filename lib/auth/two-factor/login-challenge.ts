// The pending state between two steps of a login: after the password when a code is
// awaited ("two-factor"), or between a WebAuthn challenge and its answer ("passkey-login",
// "passkey-register", "passkey-confirm"). The browser holds a random token in an HttpOnly cookie; the database
// holds its hash, who it is for, and when it ends (a few minutes). It is not a session:
// lib/auth/dal.ts never reads it, so it opens no page, action or API route; only its own
// next step accepts it, once. Someone who steals it still needs a valid code (throttled per
// person), within minutes. docs/decisions/012-two-factor.md.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";

export type ChallengePurpose = "two-factor" | "passkey-login" | "passkey-register" | "passkey-confirm";

export const CHALLENGE_MINUTES = 5;

export const CHALLENGE_COOKIES: Record<ChallengePurpose, string> = {
  "two-factor": "staffroom.login-step",
  "passkey-login": "staffroom.passkey-login",
  "passkey-register": "staffroom.passkey-register",
  "passkey-confirm": "staffroom.passkey-confirm",
};

export type LoginChallenge = {
  id: string;
  purpose: ChallengePurpose;
  userId: string | null;
  remember: boolean;
  callbackUrl: string;
  challenge: string | null;
  expires: Date;
};

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createChallenge(
  db: Db,
  data: { purpose: ChallengePurpose; userId?: string | null; remember?: boolean; callbackUrl?: string; challenge?: string | null },
  now = Date.now(),
): Promise<{ token: string; expires: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expires = new Date(now + CHALLENGE_MINUTES * 60 * 1000);
  // One pending step of a kind per person: a newer login replaces the older one.
  if (data.userId) await db.loginChallenge.deleteMany({ where: { userId: data.userId, purpose: data.purpose } });
  await db.loginChallenge.deleteMany({ where: { expires: { lt: new Date(now) } } });
  await db.loginChallenge.create({
    data: {
      tokenHash: hashOf(token),
      purpose: data.purpose,
      userId: data.userId ?? null,
      remember: data.remember ?? false,
      callbackUrl: data.callbackUrl ?? "/",
      challenge: data.challenge ?? null,
      expires,
    },
  });
  return { token, expires };
}

/** The live challenge behind a token, for this purpose only; null when unknown, used or expired. */
export async function findChallenge(db: Db, token: string | undefined | null, purpose: ChallengePurpose, now = Date.now()): Promise<LoginChallenge | null> {
  if (!token || token.length > 200) return null;
  const row = await db.loginChallenge.findUnique({ where: { tokenHash: hashOf(token) } });
  if (!row || row.purpose !== purpose || row.expires.getTime() <= now) return null;
  return { ...row, purpose: row.purpose as ChallengePurpose };
}

/** Uses a challenge up; false if another request already did (so only one of two racing wins). */
export async function consumeChallenge(db: Db, id: string): Promise<boolean> {
  const { count } = await db.loginChallenge.deleteMany({ where: { id } });
  return count === 1;
}
