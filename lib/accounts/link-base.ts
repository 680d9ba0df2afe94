// The address that links in mails start with: the public base (lib/config/public-base.ts),
// never the request's Host header (password reset poisoning).
import { publicBase } from "../config/public-base.ts";

export const linkBase = publicBase;

export function accountLink(token: string, base = linkBase()): string {
  return `${base}/reset-password?token=${encodeURIComponent(token)}`;
}
