// Flask-Security's password hashes (flask_security/utils.py, every version since 1.7.5 for
// schemes outside SECURITY_PASSWORD_SINGLE_HASH): the password is first signed,
//   pre = base64(HMAC-SHA512(key = UTF-8 of SECURITY_PASSWORD_SALT, msg = UTF-8 of password))
// and `pre` is then hashed by passlib with the configured scheme. Staffroom checks the two
// schemes the seeds use: bcrypt ("$2b$12$...", which sees only pre's first 72 bytes) and
// passlib's pbkdf2_sha512 ("$pbkdf2-sha512$<rounds>$<salt>$<key>", in passlib's "ab64").
// Since 4.0 Flask-Security hashes the NFKD form of what was typed; before, the text as typed.
import { createHmac, pbkdf2 } from "node:crypto";
import { promisify } from "node:util";
import { compareBcrypt } from "../password.ts";
import { equalInConstantTime } from "./compare.ts";

const pbkdf2Async = promisify(pbkdf2);
const MAX_ROUNDS = 10_000_000;
const BCRYPT_MAX_BYTES = 72;

export type FlaskSecurityHash =
  | { kind: "bcrypt"; hash: string }
  | { kind: "pbkdf2-sha512"; rounds: number; salt: Buffer; expected: Buffer };

/** passlib's "adapted base64": "." instead of "+", no padding. */
export function ab64Decode(text: string): Buffer | null {
  if (!/^[A-Za-z0-9./]*$/.test(text)) return null;
  return Buffer.from(text.replace(/\./g, "+"), "base64");
}

export function parseFlaskSecurityHash(stored: string): FlaskSecurityHash | null {
  if (/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(stored)) return { kind: "bcrypt", hash: stored };
  const match = /^\$pbkdf2-sha512\$(\d{1,8})\$([./A-Za-z0-9]+)\$([./A-Za-z0-9]{86})$/.exec(stored);
  if (!match) return null;
  const rounds = Number(match[1]);
  const salt = ab64Decode(match[2]!);
  const expected = ab64Decode(match[3]!);
  if (rounds < 1 || rounds > MAX_ROUNDS || !salt || salt.length === 0 || expected?.length !== 64) return null;
  return { kind: "pbkdf2-sha512", rounds, salt, expected };
}

/** Flask-Security's get_hmac: what passlib was given instead of the password. */
export function flaskSecurityPrehash(password: string, salt: Buffer): string {
  return createHmac("sha512", salt).update(password, "utf8").digest("base64");
}

async function verifyPrehash(pre: string, parsed: FlaskSecurityHash): Promise<boolean> {
  if (parsed.kind === "bcrypt") return compareBcrypt(pre.slice(0, BCRYPT_MAX_BYTES), parsed.hash);
  const key = await pbkdf2Async(Buffer.from(pre, "ascii"), parsed.salt, parsed.rounds, 64, "sha512");
  return equalInConstantTime(key, parsed.expected);
}

/** Tries the NFKD form first (Flask-Security 4.0+), then, if it differs, the text as typed (earlier versions). */
export async function verifyFlaskSecurityHash(password: string, parsed: FlaskSecurityHash, salt: Buffer): Promise<boolean> {
  const normalized = password.normalize("NFKD");
  if (await verifyPrehash(flaskSecurityPrehash(normalized, salt), parsed)) return true;
  return normalized !== password && verifyPrehash(flaskSecurityPrehash(password, salt), parsed);
}
