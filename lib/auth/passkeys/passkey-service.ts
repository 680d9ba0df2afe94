// Passkeys (WebAuthn, @simplewebauthn/server 13): registering them on /account/security,
// signing in with one on /login (a passkey is both factors: something you have, unlocked by
// something you are or know), confirming it's you on /account/confirm, renaming and removing.
//
// Every ceremony's challenge is made here, kept in login_challenges (so every instance
// sharing the database knows it) behind a random token the browser holds in an HttpOnly
// cookie, and used up before its answer is checked: an answer is checked against the
// challenge this server issued to this browser, once, within CHALLENGE_MINUTES. The client
// never gets to say which challenge it answered. docs/decisions/012-two-factor.md.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { recordAudit } from "../../audit/audit-log.ts";
import type { Db } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { currentUserSelect, toCurrentUser, type CurrentUser } from "../../identity/current-user.ts";
import { claimAttempt } from "../throttle.ts";
import { describeUserAgent } from "../user-agent.ts";
import { consumeChallenge, createChallenge, findChallenge, type ChallengePurpose } from "../two-factor/login-challenge.ts";
import { relyingParty, RP_NAME, type RelyingParty } from "./relying-party.ts";

/** The throttle's scope for failed passkey answers (lib/auth/throttle.ts). */
export const PASSKEY_SCOPE = "passkey";
/** The account key for answers from a credential nobody has: they are throttled per address. */
const UNKNOWN_CREDENTIAL = "unknown-passkey";
export const PASSKEY_NAME_MAX = 60;

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

type Person = Pick<CurrentUser, "id" | "email" | "firstName" | "lastName">;
type AssertionPurpose = Extract<ChallengePurpose, "passkey-login" | "passkey-confirm">;

export type PasskeyFailure =
  /** No challenge issued to this browser, or it was used or ran out: start again. */
  | { ok: false; reason: "expired" }
  /** The answer did not verify, or the credential is unknown (removed), or its owner is inactive. */
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const transportsOf = (json: string): AuthenticatorTransportFuture[] => {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed.filter((t) => typeof t === "string") as AuthenticatorTransportFuture[]) : [];
  } catch {
    return [];
  }
};

/** A passkey's first name: where it was made ("Chrome 156 on Linux"); it can be renamed. */
export function passkeyNameFor(userAgent: string | null | undefined): string {
  const { browser, system } = describeUserAgent(userAgent);
  return `${browser} on ${system}`.slice(0, PASSKEY_NAME_MAX);
}

export async function listPasskeys(db: Db, user: Pick<CurrentUser, "id">): Promise<PasskeySummary[]> {
  return db.passkey.findMany({ where: { userId: user.id }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } });
}

export async function hasPasskey(db: Db, userId: string): Promise<boolean> {
  return (await db.passkey.count({ where: { userId } })) > 0;
}

// ---- Registration -------------------------------------------------------------------

/** Options for navigator.credentials.create(): a discoverable credential, with user verification. */
export async function startPasskeyRegistration(db: Db, user: Person, rp: RelyingParty = relyingParty()): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; token: string }> {
  const existing = await db.passkey.findMany({ where: { userId: user.id }, select: { id: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: user.email,
    // The stable, opaque id (not the email, which can change): it comes back as the userHandle.
    userID: new TextEncoder().encode(user.id),
    userDisplayName: `${user.firstName} ${user.lastName}`.trim(),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  const { token } = await createChallenge(db, { purpose: "passkey-register", userId: user.id, challenge: options.challenge });
  return { options, token };
}

export async function finishPasskeyRegistration(
  db: Db,
  user: Person,
  input: { token: string | undefined; response: RegistrationResponseJSON; userAgent: string | null; ip: string },
  rp: RelyingParty = relyingParty(),
): Promise<{ ok: true; passkey: PasskeySummary } | Exclude<PasskeyFailure, { reason: "throttled" }>> {
  const challenge = await usedUp(db, input.token, "passkey-register");
  if (!challenge || challenge.userId !== user.id) return { ok: false, reason: "expired" };
  const verified = await unlessThrown(verifyRegistrationResponse({ response: input.response, ...expected(challenge.challenge, rp) }));
  if (!verified?.verified) return { ok: false, reason: "invalid" };
  const { credential, credentialBackedUp } = verified.registrationInfo;
  if (await db.passkey.findUnique({ where: { id: credential.id }, select: { id: true } })) return { ok: false, reason: "invalid" };
  const passkey = await db.passkey.create({
    data: {
      id: credential.id,
      userId: user.id,
      name: passkeyNameFor(input.userAgent),
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: BigInt(credential.counter),
      transports: JSON.stringify(credential.transports ?? []),
      backedUp: credentialBackedUp,
    },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
  await recordAudit(db, { action: "passkey.added", actor: user, target: user, ip: input.ip, details: { name: passkey.name } });
  return { ok: true, passkey };
}

// ---- Authentication (sign-in and confirmation) ----------------------------------------

/**
 * Options for navigator.credentials.get(). For signing in, no credentials are listed (the
 * authenticator offers its discoverable ones); for confirming, the person's own.
 */
export async function startPasskeyAssertion(
  db: Db,
  purpose: AssertionPurpose,
  user: Pick<CurrentUser, "id"> | null = null,
  rp: RelyingParty = relyingParty(),
): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; token: string }> {
  const allowCredentials = user
    ? (await db.passkey.findMany({ where: { userId: user.id }, select: { id: true, transports: true } })).map((p) => ({ id: p.id, transports: transportsOf(p.transports) }))
    : [];
  const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: "required", allowCredentials });
  const { token } = await createChallenge(db, { purpose, userId: user?.id ?? null, challenge: options.challenge });
  return { options, token };
}

/**
 * Checks an answer to a challenge this browser was given: signature, origin, RP ID, user
 * verification, and that the signature counter went up (a cloned authenticator shows an
 * old one). Failures are throttled per credential owner and address, like passwords.
 * `onlyFor` restricts the credential to one person (confirming it's you).
 */
export async function verifyPasskeyAssertion(
  db: Db,
  input: { token: string | undefined; purpose: AssertionPurpose; response: AuthenticationResponseJSON; ip: string; onlyFor?: string },
  rp: RelyingParty = relyingParty(),
): Promise<{ ok: true; user: CurrentUser } | PasskeyFailure> {
  const challenge = await usedUp(db, input.token, input.purpose);
  if (!challenge || (input.onlyFor && challenge.userId !== input.onlyFor)) return { ok: false, reason: "expired" };

  const credentialId = typeof input.response?.id === "string" ? input.response.id.slice(0, 1024) : "";
  const passkey = credentialId ? await db.passkey.findUnique({ where: { id: credentialId } }) : null;
  const attempt = await claimAttempt(db, PASSKEY_SCOPE, { account: passkey?.userId ?? UNKNOWN_CREDENTIAL, address: input.ip });
  if (!attempt.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };

  const fail = async (target: { id: string | null; email: string } | null, reason: string): Promise<PasskeyFailure> => {
    await recordAudit(db, { action: "login.failed", actor: null, target: target ?? { id: null, email: "" }, ip: input.ip, details: { channel: input.purpose === "passkey-login" ? "passkey" : "confirm", reason } });
    return { ok: false, reason: "invalid" };
  };
  if (!passkey || (input.onlyFor && passkey.userId !== input.onlyFor)) return fail(null, "unknown passkey");
  const found = await db.user.findUnique({ where: { id: passkey.userId }, select: currentUserSelect });
  const owner = { id: passkey.userId, email: found?.email ?? "" };
  const userHandle = input.response.response?.userHandle;
  if (userHandle && Buffer.from(userHandle, "base64url").toString("utf8") !== passkey.userId) return fail(owner, "user handle");

  const credential = { id: passkey.id, publicKey: Buffer.from(passkey.publicKey, "base64url"), counter: Number(passkey.counter), transports: transportsOf(passkey.transports) };
  // Null when it throws: a wrong signature, origin, RP ID or challenge, no user verification, or a counter that did not go up.
  const verified = await unlessThrown(verifyAuthenticationResponse({ response: input.response, credential, ...expected(challenge.challenge, rp) }));
  if (!verified?.verified) return fail(owner, "passkey");
  // The counter moves only forward, also between two requests racing with answers from one authenticator.
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(verified.authenticationInfo.newCounter), lastUsedAt: new Date(), backedUp: verified.authenticationInfo.credentialBackedUp },
  });
  if (count !== 1) return fail(owner, "counter");
  const user = toCurrentUser(found);
  // An inactive person's passkey verifies but opens nothing, like their right password.
  if (!user) return fail(owner, "inactive");
  await attempt.succeeded();
  return { ok: true, user };
}

/** What every answer is checked against: the challenge issued, this site's origin and RP ID, and user verification. */
function expected(challenge: string, rp: RelyingParty) {
  return { expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: true };
}

/** The library throws for answers that do not verify; here they are simply not verified. */
async function unlessThrown<T>(verification: Promise<T>): Promise<T | null> {
  return verification.catch(() => null);
}

/** The challenge behind a token, used up at once: whatever the answer, it is never accepted twice. */
export async function usedUp(db: Db, token: string | undefined, purpose: ChallengePurpose): Promise<{ userId: string | null; challenge: string } | null> {
  const challenge = await findChallenge(db, token, purpose);
  if (!challenge?.challenge || !(await consumeChallenge(db, challenge.id))) return null;
  return { userId: challenge.userId, challenge: challenge.challenge };
}

// ---- Managing one's own passkeys -------------------------------------------------------

/** Only the caller's own passkeys: anyone else's id answers as if it did not exist. */
export async function renamePasskey(db: Db, user: Pick<CurrentUser, "id" | "email">, id: string, name: string, ip: string): Promise<void> {
  const { count } = await db.passkey.updateMany({ where: { id, userId: user.id }, data: { name } });
  if (count !== 1) throw new NotFoundError("No such passkey.");
  await recordAudit(db, { action: "passkey.renamed", actor: user, target: user, ip, details: { name } });
}

export async function removePasskey(db: Db, user: Pick<CurrentUser, "id" | "email">, id: string, ip: string): Promise<void> {
  const { count } = await db.passkey.deleteMany({ where: { id, userId: user.id } });
  if (count !== 1) throw new NotFoundError("No such passkey.");
  await recordAudit(db, { action: "passkey.removed", actor: user, target: user, ip });
}

/** A ceremony's answer as the browser sent it; null when it is not even the right shape. */
export function parseAnswer<T extends { id: string; response: object }>(json: unknown): T | null {
  if (typeof json !== "string" || json.length > 64 * 1024) return null;
  try {
    const parsed = JSON.parse(json) as T;
    return parsed && typeof parsed.id === "string" && typeof parsed.response === "object" && parsed.response ? parsed : null;
  } catch {
    return null;
  }
}
