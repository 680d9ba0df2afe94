// A person's stored password, whatever made it: Staffroom's bcrypt, or a hash imported from
// one of the Flask applications (lib/auth/legacy/). The one check behind every password
// login (lib/auth/credentials.ts), and the one place that replaces an old hash with bcrypt.
import type { Db } from "../db/client.ts";
import { newPasswordSchema } from "../validation/fields.ts";
import { isLegacyScheme, verifyLegacyPassword, type LegacyScheme } from "./legacy/legacy-passwords.ts";
import { hashPassword, needsRehash, spendEquivalentWork, verifyPassword } from "./password.ts";
import { BCRYPT_SCHEME, markPasswordTemporary } from "./password-store.ts";
import { openSecret, sealSecret } from "./secret-box.ts";

export { BCRYPT_SCHEME };
const SALT_PURPOSE = "legacy-password-salt";

export type StoredPassword = { hash: string; scheme: string; legacySalt: string | null };

export const storedPasswordSelect = { hash: true, scheme: true, legacySalt: true } as const;

export type PasswordCheck = { matches: boolean; replace: "no" | "rehash" | "legacy" };

export async function checkStoredPassword(password: string, stored: StoredPassword | null | undefined): Promise<PasswordCheck> {
  if (!stored) return { matches: await spendEquivalentWork(password), replace: "no" };
  if (stored.scheme === BCRYPT_SCHEME) {
    const matches = await verifyPassword(password, stored.hash);
    return { matches, replace: matches && needsRehash(stored.hash) ? "rehash" : "no" };
  }
  if (!isLegacyScheme(stored.scheme)) return { matches: await spendEquivalentWork(password), replace: "no" };
  const salt = stored.legacySalt ? openSecret(stored.legacySalt, SALT_PURPOSE) : null;
  const matches = await verifyLegacyPassword(password, { scheme: stored.scheme, hash: stored.hash, salt });
  return { matches, replace: matches ? "legacy" : "no" };
}

/** The columns for an imported hash, its application salt sealed. */
export function legacyPasswordData(scheme: LegacyScheme, hash: string, salt: Buffer | null): StoredPassword {
  return { hash, scheme, legacySalt: salt ? sealSecret(salt, SALT_PURPOSE) : null };
}

/**
 * After a successful login: an old hash becomes bcrypt at today's cost, and the imported salt
 * goes with it. A legacy password that breaks today's rules (too short, too common) was
 * allowed in once; from now on it is a temporary password, to be changed.
 */
export async function replaceAfterLogin(
  db: Db,
  person: { id: string; email: string; username: string | null },
  password: string,
  check: PasswordCheck,
): Promise<void> {
  if (check.replace === "no") return;
  const hash = await hashPassword(password);
  await db.password.update({ where: { userId: person.id }, data: { hash, scheme: BCRYPT_SCHEME, legacySalt: null } });
  if (check.replace === "legacy" && !meetsTodaysRules(password, person)) await markPasswordTemporary(db, person.id);
}

export function meetsTodaysRules(password: string, person: { email: string; username: string | null }): boolean {
  return newPasswordSchema({ email: person.email, username: person.username }).safeParse(password).success;
}
