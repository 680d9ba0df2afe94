// Who Staffroom is to an authenticator: the origin a passkey ceremony must come from and
// the RP ID passkeys are scoped to, both from the public URL (AUTH_URL; else the address
// the server listens on: lib/config/public-base.ts). Never the request's Host header.
import { isIP } from "node:net";
import { publicBase } from "../../config/public-base.ts";

export const RP_NAME = "Staffroom";

export type RelyingParty = { rpID: string; origin: string };

export function relyingParty(base = publicBase()): RelyingParty {
  const url = new URL(base);
  // WebAuthn refuses IP addresses as an RP ID. A server on a loopback address without
  // AUTH_URL is someone's own machine (or the test suite): there http://localhost is both a
  // valid RP ID and a secure context, so passkeys work at http://localhost:<port>.
  if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) url.hostname = "localhost";
  return { rpID: url.hostname, origin: url.origin };
}
