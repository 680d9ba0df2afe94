// Who is calling an /api/v1 route, in the order PRODUCT.md gives: a bearer token, the
// seeds' Authentication-Token header, HTTP Basic (email:password), then the session cookie.
// A credential that is present but wrong is refused outright, never skipped over.
import type { CurrentUser } from "../identity/current-user.ts";
import { authenticate } from "../auth/credentials.ts";
import { findSessionUser } from "../auth/sessions.ts";
import { db } from "../db/client.ts";
import { clientIpFrom } from "../http/client-ip.ts";
import { isSameOrigin } from "../http/same-origin.ts";
import { findTokenUser } from "../tokens/token-service.ts";
import { ApiError, tooManyAttempts, twoFactorRequired, unauthorized } from "./api-error.ts";

export type AuthMethod = "token" | "basic" | "cookie";
export type ApiCaller = { user: CurrentUser; method: AuthMethod };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Injected by the route layer, so that this module needs nothing from Next.js. */
export type SessionCookieReader = (request: Request) => Promise<string | null>;

export async function authenticateRequest(request: Request, readSessionToken: SessionCookieReader): Promise<ApiCaller> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme = "", ...rest] = authorization.trim().split(/\s+/);
    const credentials = rest.join(" ");
    if (/^bearer$/i.test(scheme)) return { user: await userForToken(credentials), method: "token" };
    if (/^basic$/i.test(scheme)) {
      // Browsers keep Basic credentials a person once typed into their prompt and send them
      // again, also with requests another site's page makes. Scripts send no Origin; a write
      // whose Origin is another site is refused before the password is even looked at.
      if (UNSAFE_METHODS.has(request.method) && request.headers.has("origin")) assertSameOrigin(request);
      return { user: await userForBasic(credentials, clientIpFrom(request.headers)), method: "basic" };
    }
    throw unauthorized("Unsupported Authorization scheme: use Bearer or Basic.");
  }
  const seedToken = request.headers.get("authentication-token");
  if (seedToken !== null) return { user: await userForToken(seedToken.trim()), method: "token" };

  const sessionToken = await readSessionToken(request);
  if (!sessionToken) throw unauthorized();
  const user = await findSessionUser(db, sessionToken);
  if (!user) throw unauthorized("Your session has ended: log in again.");
  if (UNSAFE_METHODS.has(request.method)) assertSameOrigin(request);
  return { user, method: "cookie" };
}

async function userForToken(token: string): Promise<CurrentUser> {
  const user = token ? await findTokenUser(db, token) : null;
  if (!user) throw unauthorized("The token is unknown, expired or revoked.");
  return user;
}

export function parseBasicCredentials(encoded: string): { email: string; password: string } | null {
  let decoded: string;
  try {
    decoded = Buffer.from(encoded, "base64").toString("utf8");
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function userForBasic(encoded: string, ip: string): Promise<CurrentUser> {
  const credentials = parseBasicCredentials(encoded);
  if (!credentials || credentials.email.length > 254 || credentials.password.length > 1024) throw unauthorized("Malformed Basic credentials.");
  const result = await authenticate(db, { ...credentials, ip, channel: "basic" });
  if (result.ok) return result.user;
  if (result.reason === "throttled") throw tooManyAttempts(result.retryAfterSeconds);
  // A password alone is one factor, sent with every request: these people use tokens.
  if (result.reason === "second_factor") throw twoFactorRequired("This account uses two-factor authentication, so HTTP Basic is refused: create a token with POST /api/v1/tokens (email, password and code) and send it as a Bearer token.");
  throw unauthorized("Invalid email or password.");
}

/**
 * Cookies ride along on cross-site requests; tokens and Basic credentials do not. So a
 * cookie-authenticated write must come from a page of this site, which browsers prove
 * with the Origin header.
 */
export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request.headers.get("origin"), request.headers, request.url)) {
    throw new ApiError(403, "cross_origin_refused", "Cookie-authenticated writes need an Origin header from this site; scripts should use a token.");
  }
}
