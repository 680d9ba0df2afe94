// The client's address, for throttling and the audit log. server.ts writes it into this
// header from the socket (or from X-Forwarded-For when TRUST_PROXY says how many proxies
// to trust), after deleting whatever the client sent under the same name.
export const CLIENT_IP_HEADER = "x-staffroom-client-ip";

export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) || "unknown";
}

/**
 * Picks the client address from the socket and X-Forwarded-For. With `trustedProxies` = n,
 * the n-th address from the right of X-Forwarded-For is the client as the outermost trusted
 * proxy saw it; anything further left was written by the client and may be forged.
 */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const socket = normalise(socketAddress ?? "unknown");
  if (trustedProxies <= 0 || !forwardedFor) return socket;
  const hops = forwardedFor.split(",").map((hop) => hop.trim()).filter(Boolean);
  const candidate = hops[hops.length - trustedProxies];
  return candidate ? normalise(candidate) : socket;
}

function normalise(address: string): string {
  // IPv4 clients of a dual-stack socket appear as ::ffff:1.2.3.4.
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
