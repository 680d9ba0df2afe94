// New recovery codes are shown once, right after they were made. The action that makes them
// redirects (so that a reload never posts again), so they wait for the next page in a
// cookie: HttpOnly, for /account/security only, a few minutes, and sealed (AES-GCM, bound to
// the person), until the person presses Done. The database only ever has their hashes.
import "server-only";
import { cookies } from "next/headers";
import { servedOverHttps } from "../../config/env.ts";
import { openBound, sealBound } from "../secret-box.ts";

const COOKIE = "staffroom.recovery-codes";
const PURPOSE = "staffroom recovery codes to show v1";
const PATH = "/account/security";

export async function showRecoveryCodesOnce(userId: string, codes: string[]): Promise<void> {
  (await cookies()).set(COOKIE, sealBound(PURPOSE, JSON.stringify(codes), userId), {
    httpOnly: true,
    sameSite: "strict",
    secure: servedOverHttps(),
    path: PATH,
    maxAge: 10 * 60,
  });
}

/** The codes waiting to be shown to this person, or null. */
export async function recoveryCodesToShow(userId: string): Promise<string[] | null> {
  const value = (await cookies()).get(COOKIE)?.value;
  if (!value) return null;
  try {
    const codes: unknown = JSON.parse(openBound(PURPOSE, value, userId));
    return Array.isArray(codes) && codes.every((code) => typeof code === "string") ? codes : null;
  } catch {
    return null;
  }
}

export async function forgetRecoveryCodes(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: PATH });
}
