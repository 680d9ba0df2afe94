// The client's address, for throttling and the audit log. server.ts writes it into this
// header from the socket (or from X-Forwarded-For when TRUST_PROXY says how many proxies
// to trust), after deleting whatever the client sent under the same name.
import { isIP } from "node:net";

export const CLIENT_IP_HEADER = "x-staffroom-client-ip";

export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) || "unknown";
}

/**
 * Picks the client address from the socket and X-Forwarded-For. With `trustedProxies` = n,
 * the n-th address from the right of X-Forwarded-For is the client as the outermost trusted
 * proxy saw it; anything further left was written by the client and may be forged. Only a
 * valid IPv4 or IPv6 address is taken from the header: anything else (a 6,000-character
 * string, a host name) would become "the address" in the throttle and the audit log, so the
 * socket's address is used instead.
 */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const socket = socketAddress ? normalise(socketAddress) : "unknown";
  if (trustedProxies <= 0 || !forwardedFor) return socket;
  const hops = forwardedFor.split(",").map((hop) => hop.trim()).filter(Boolean);
  const candidate = hops[hops.length - trustedProxies];
  const address = candidate === undefined ? null : asAddress(candidate);
  return address ?? socket;
}

/** The address in one X-Forwarded-For entry, or null. Some proxies add a port ("1.2.3.4:80", "[::1]:80"). */
function asAddress(entry: string): string | null {
  if (entry.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  const address = normalise(bracketed?.[1] ?? withPort?.[1] ?? entry);
  return isIP(address) ? address : null;
}

function normalise(address: string): string {
  // IPv4 clients of a dual-stack socket appear as ::ffff:1.2.3.4.
  return address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
