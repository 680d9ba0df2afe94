// The app's public address: AUTH_URL, else the server's own address (HOSTNAME and PORT, as
// server.ts listens). Never the request's Host header: anyone can send a forgot-password
// request with "Host: evil.example", and the victim's mail would then carry their reset
// secret to that site (password reset poisoning); and a passkey's scope must not be
// something a client chooses. Links in mails (lib/accounts/link-base.ts) and the passkeys'
// relying party (lib/auth/passkeys/relying-party.ts) start from it.
import { listenHostname, listenPort, publicUrl } from "./env.ts";

export function publicBase(): string {
  const configured = publicUrl();
  if (configured) return configured.replace(/\/+$/, "");
  const host = listenHostname()?.trim();
  const name = !host || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${listenPort()}`;
}
