// The 10,000 most common passwords, from zxcvbn-ts' frequency-ranked list (itself from
// leaked-password corpora). Server side only: the browser gets common-passwords.browser.ts
// through package.json "imports", and the server's check is the one that counts.
import { dictionary } from "@zxcvbn-ts/language-common";

const COMMON_PASSWORDS = new Set(dictionary["passwords-common"].slice(0, 10_000));

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
