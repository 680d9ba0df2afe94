// Werkzeug's generate_password_hash formats, as werkzeug/security.py writes and checks them:
// "method$salt$hash" with the salt used as its text (UTF-8), the password as UTF-8.
//   pbkdf2:<digest>:<iterations>$salt$hex   PBKDF2-HMAC, key length = the digest's
//   scrypt:<n>:<r>:<p>$salt$hex             64-byte key (Werkzeug 3.0+)
//   <digest>$salt$hex                       HMAC keyed by the salt (before 2.3); unsalted: plain digest
//   plain$$<password>                       the password itself
import { createHash, createHmac, pbkdf2, scrypt } from "node:crypto";
import { promisify } from "node:util";
import { equalInConstantTime } from "./compare.ts";

const pbkdf2Async = promisify(pbkdf2);

// Digest names hashlib and Node both know, with their output sizes (PBKDF2's default key length).
const DIGEST_BYTES: Record<string, number> = { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

// Bounds that keep a hostile or corrupt row from tying up the server: far above anything
// Werkzeug ever wrote (pbkdf2 600,000 iterations, scrypt n=2^15 r=8 p=1).
const MAX_ITERATIONS = 10_000_000;
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

export type WerkzeugHash =
  | { kind: "plain"; expected: string }
  | { kind: "pbkdf2"; digest: string; iterations: number; salt: string; expected: Buffer }
  | { kind: "scrypt"; n: number; r: number; p: number; salt: string; expected: Buffer }
  | { kind: "digest"; digest: string; salt: string; expected: Buffer };

const positive = (text: string | undefined, max: number) => {
  if (!text || !/^\d{1,10}$/.test(text)) return null;
  const value = Number(text);
  return value > 0 && value <= max ? value : null;
};

const hexOf = (text: string, bytes: number) => (text.length === bytes * 2 && /^[0-9a-f]+$/i.test(text) ? Buffer.from(text, "hex") : null);

/** The parts of a Werkzeug hash, or null when it is not one Staffroom can check. */
export function parseWerkzeugHash(stored: string): WerkzeugHash | null {
  // Python's split("$", 2): the hash part may itself contain "$" (a plain password can).
  const first = stored.indexOf("$");
  const second = first < 0 ? -1 : stored.indexOf("$", first + 1);
  if (second < 0) return null;
  const method = stored.slice(0, first);
  const salt = stored.slice(first + 1, second);
  const value = stored.slice(second + 1);

  if (method === "plain") return { kind: "plain", expected: value };
  const [name, ...args] = method.split(":");
  if (name === "pbkdf2") {
    const [digest = "", rounds] = args;
    const bytes = DIGEST_BYTES[digest];
    // Without an iteration count Werkzeug used its own default of the day; which one is unknowable.
    const iterations = positive(rounds, MAX_ITERATIONS);
    const expected = bytes ? hexOf(value, bytes) : null;
    if (args.length !== 2 || !iterations || !expected || !salt) return null;
    return { kind: "pbkdf2", digest, iterations, salt, expected };
  }
  if (name === "scrypt") {
    const [n, r, p] = args.map((arg) => positive(arg, 2 ** 24));
    const expected = hexOf(value, 64);
    if (args.length !== 3 || !n || !r || !p || !expected || !salt) return null;
    if ((n & (n - 1)) !== 0 || 132 * n * r * p > MAX_SCRYPT_MEMORY) return null;
    return { kind: "scrypt", n, r, p, salt, expected };
  }
  const bytes = DIGEST_BYTES[method];
  const expected = bytes ? hexOf(value, bytes) : null;
  if (args.length !== 0 || !expected) return null;
  return { kind: "digest", digest: method, salt, expected };
}

function scryptKey(password: string, { n, r, p, salt }: { n: number; r: number; p: number; salt: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses unless maxmem covers 128·n·r·p plus its own bookkeeping; Werkzeug passes 132·n·r·p.
    scrypt(Buffer.from(password, "utf8"), Buffer.from(salt, "utf8"), 64, { N: n, r, p, maxmem: 132 * n * r * p + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** True when `password` is the one the hash was made from. PBKDF2 and scrypt run on libuv's thread pool. */
export async function verifyWerkzeugHash(password: string, parsed: WerkzeugHash): Promise<boolean> {
  switch (parsed.kind) {
    case "plain":
      return equalInConstantTime(Buffer.from(password, "utf8"), Buffer.from(parsed.expected, "utf8"));
    case "pbkdf2": {
      const key = await pbkdf2Async(Buffer.from(password, "utf8"), Buffer.from(parsed.salt, "utf8"), parsed.iterations, parsed.expected.length, parsed.digest);
      return equalInConstantTime(key, parsed.expected);
    }
    case "scrypt":
      return equalInConstantTime(await scryptKey(password, parsed), parsed.expected);
    case "digest": {
      const actual = parsed.salt
        ? createHmac(parsed.digest, Buffer.from(parsed.salt, "utf8")).update(password, "utf8").digest()
        : createHash(parsed.digest).update(password, "utf8").digest();
      return equalInConstantTime(actual, parsed.expected);
    }
  }
}
