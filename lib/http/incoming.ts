// What server.ts does to every request before Next.js sees it, and the headers it adds to
// every response. Everything downstream (Next.js' server-action origin check, Auth.js, the
// API's Origin check in lib/http/same-origin.ts) believes X-Forwarded-Host and
// X-Forwarded-Proto when present, so they are removed here unless a proxy is trusted to
// have written them.
import type { IncomingHttpHeaders } from "node:http";
import { CLIENT_IP_HEADER, resolveClientIp } from "./client-ip.ts";

/** Headers only a trusted proxy may set; a client's own are deleted (TRUST_PROXY=0). */
export const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"] as const;

/** A year, subdomains included: sent only when the public URL (AUTH_URL) is https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

export function prepareIncomingHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trustedProxies: number): void {
  const forwarded = headers["x-forwarded-for"];
  headers[CLIENT_IP_HEADER] = resolveClientIp(socketAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedProxies);
  if (trustedProxies <= 0) for (const name of PROXY_HEADERS) delete headers[name];
}

/** Answers server.ts gives itself (405) never reach next.config.mjs' headers: the same ones, for a text that is no page. */
export const REFUSAL_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Cache-Control": "no-store",
} as const;

/** The headers server.ts sets on every response before Next.js writes its own. */
export function responseHeaders({ https }: { https: boolean }): Record<string, string> {
  return https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {};
}
