// What Auth.js reports as errors, sorted: most of them are a client's doing (a tampered or
// outdated cookie, a hostile callback address), which the server refused as it should.
// Those get one warning line, like every refusal (lib/http/refusal-log.ts); only the rest,
// which would mean the server itself is wrong, keep their stack trace.
import { quoteForLog } from "@/lib/http/refusal-log";

/** Auth.js error types (errors.authjs.dev) that only a client's input causes. */
const REFUSED_TYPES: Record<string, string> = {
  CredentialsSignin: "", // a wrong password: the audit log has it, the log needs nothing
  InvalidCallbackUrl: "a callback address that is not on this site",
  JWTSessionError: "a session cookie that is not one of ours (or expired)",
  SignOutError: "a sign-out with a session cookie that is not one of ours",
  MissingCSRF: "a post to Auth.js without its CSRF token",
  InvalidCheck: "a sign-in whose checks do not match",
  UnknownAction: "an Auth.js address that does not exist",
};

type Reported = { type?: unknown; name?: unknown; message?: unknown; code?: unknown };

/** The warning line for an error a client caused, "" for one to keep silent, or null for a real error. */
export function refusalLine(error: unknown): string | null {
  const reported = (error ?? {}) as Reported;
  const type = typeof reported.type === "string" ? reported.type : "";
  if (type in REFUSED_TYPES) return REFUSED_TYPES[type] ? `[auth] refused: ${REFUSED_TYPES[type]} (${type})` : "";
  // Auth.js builds URLs from what it was sent; one it cannot parse was never a valid address.
  if (reported.code === "ERR_INVALID_URL") return `[auth] refused: an address that is no URL, ${quoteForLog(String((error as { input?: unknown }).input ?? ""))}`;
  return null;
}

export function logAuthError(error: unknown): void {
  const line = refusalLine(error);
  if (line === null) console.error("[auth]", error);
  else if (line !== "") console.warn(line);
}
