// "Sign in with a passkey" as a login: kept apart from passkey-service.ts because it records
// the login (lib/auth/credentials.ts), which itself asks the two-factor service, which asks
// the passkey service whether someone has a passkey.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Db } from "../../db/client.ts";
import type { CurrentUser } from "../../identity/current-user.ts";
import { recordLogin } from "../credentials.ts";
import { parseAnswer, usedUp, verifyPasskeyAssertion, type PasskeyFailure } from "./passkey-service.ts";

/**
 * "Sign in with a passkey": the answer the browser sent (JSON, as @simplewebauthn/browser
 * made it) to the challenge behind `token`. A passkey is both factors, so this is the whole
 * login: it counts (trackable fields, "Login succeeded") here. Called only from Auth.js'
 * `authorize`, so that the session is made where every other one is (lib/auth/auth.ts).
 */
export async function completePasskeyLogin(db: Db, token: string, responseJson: string, ip: string): Promise<{ ok: true; user: CurrentUser } | PasskeyFailure> {
  const response = parseAnswer<AuthenticationResponseJSON>(responseJson);
  if (!response) {
    await usedUp(db, token, "passkey-login");
    return { ok: false, reason: "invalid" };
  }
  const result = await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response, ip });
  if (result.ok) await recordLogin(db, result.user, ip, "passkey");
  return result;
}

