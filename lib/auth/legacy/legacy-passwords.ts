// Password hashes brought over from the Flask applications (npm run staff -- import-flask),
// kept as they were until their owner's next login replaces them with bcrypt
// (lib/auth/stored-password.ts). `scheme` says whose rules made the hash: the hash string
// alone cannot tell a Flask-Security bcrypt (of an HMAC) from a plain bcrypt.
import { parseFlaskSecurityHash, verifyFlaskSecurityHash } from "./flask-security.ts";
import { parseWerkzeugHash, verifyWerkzeugHash } from "./werkzeug.ts";

export const LEGACY_SCHEMES = ["flask-security", "werkzeug"] as const;
export type LegacyScheme = (typeof LEGACY_SCHEMES)[number];

export const isLegacyScheme = (scheme: string): scheme is LegacyScheme => (LEGACY_SCHEMES as readonly string[]).includes(scheme);

/** A short name of the format, for the importer's report ("pbkdf2:sha256", "bcrypt"), or null when Staffroom cannot check it. */
export function describeLegacyHash(scheme: LegacyScheme, hash: string): string | null {
  if (scheme === "flask-security") {
    const parsed = parseFlaskSecurityHash(hash);
    return parsed ? `Flask-Security ${parsed.kind === "bcrypt" ? "bcrypt" : "pbkdf2_sha512"}` : null;
  }
  const parsed = parseWerkzeugHash(hash);
  if (!parsed) return null;
  if (parsed.kind === "pbkdf2") return `Werkzeug pbkdf2:${parsed.digest}`;
  if (parsed.kind === "digest") return `Werkzeug ${parsed.digest}`;
  return `Werkzeug ${parsed.kind}`;
}

/** Flask-Security hashes need the application's SECURITY_PASSWORD_SALT; Werkzeug's carry their own. */
export const needsApplicationSalt = (scheme: LegacyScheme) => scheme === "flask-security";

export async function verifyLegacyPassword(password: string, stored: { scheme: LegacyScheme; hash: string; salt: Buffer | null }): Promise<boolean> {
  if (stored.scheme === "flask-security") {
    const parsed = parseFlaskSecurityHash(stored.hash);
    return !!parsed && !!stored.salt && verifyFlaskSecurityHash(password, parsed, stored.salt);
  }
  const parsed = parseWerkzeugHash(stored.hash);
  return !!parsed && verifyWerkzeugHash(password, parsed);
}
