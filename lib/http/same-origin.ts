// The one same-origin rule, for form posts (lib/http/form-post-guard.ts) and for the API's
// cookie-authenticated writes (lib/api/authenticate.ts): the Origin a browser sent must be
// exactly one of the origins this site answers as: scheme, host and port.
//
// X-Forwarded-Host and X-Forwarded-Proto are believed when present because server.ts
// deletes them unless TRUST_PROXY says a proxy wrote them (lib/http/incoming.ts).

import { publicUrl } from "../config/env.ts";

/** The public URL's origin (AUTH_URL) and the origin the request was addressed to. */
export function siteOrigins(headers: Headers, requestUrl: string): string[] {
  const origins: string[] = [];
  const host = firstValue(headers.get("x-forwarded-host")) || headers.get("host");
  const proto = firstValue(headers.get("x-forwarded-proto")) || safeProtocol(requestUrl);
  if (host && proto) origins.push(`${proto.toLowerCase()}://${host.toLowerCase()}`);
  const configured = publicUrl();
  if (configured) {
    try {
      origins.push(new URL(configured).origin);
    } catch {
      // A malformed AUTH_URL fails at start elsewhere; here it simply matches nothing.
    }
  }
  return origins;
}

/** False for a missing Origin too: callers decide what a request without one may do. */
export function isSameOrigin(origin: string | null, headers: Headers, requestUrl: string): boolean {
  if (!origin || origin === "null") return false;
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    return false;
  }
  return siteOrigins(headers, requestUrl).some((candidate) => safeOrigin(candidate) === normalised);
}

function firstValue(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim() || undefined;
}

function safeProtocol(url: string): string | undefined {
  try {
    return new URL(url).protocol.replace(":", "");
  } catch {
    return undefined;
  }
}

function safeOrigin(candidate: string): string | null {
  try {
    return new URL(candidate).origin;
  } catch {
    return null;
  }
}
