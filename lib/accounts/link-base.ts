// The address that links in mails start with: AUTH_URL, else the server's own address
// (HOSTNAME and PORT, as server.ts listens). Never the request's Host header: anyone can send
// a forgot-password request with "Host: evil.example", and the victim's mail would then
// carry their reset secret to that site (password reset poisoning).
import { listenHostname, listenPort, publicUrl } from "../config/env.ts";

export function linkBase(): string {
  const configured = publicUrl();
  if (configured) return configured.replace(/\/+$/, "");
  const host = listenHostname()?.trim();
  const name = !host || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${listenPort()}`;
}

export function accountLink(token: string, base = linkBase()): string {
  return `${base}/reset-password?token=${encodeURIComponent(token)}`;
}
