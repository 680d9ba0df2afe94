import "server-only";
import { db } from "../../db/client.ts";
import { currentSessionToken } from "../login-cookies.ts";
import { findSessionUser } from "../sessions.ts";
import { needsTwoFactorSetup, SECURITY_PAGE_PATH } from "./policy.ts";

/** Where a fresh login goes: where it asked to, unless the policy wants two-factor set up first. */
export async function landingAfterLogin(callbackUrl: string): Promise<string> {
  const token = await currentSessionToken();
  const user = token ? await findSessionUser(db, token) : null;
  return user && (await needsTwoFactorSetup(db, user)) ? SECURITY_PAGE_PATH : callbackUrl;
}
