// The rule and the write behind re-authentication, without Next.js (lib/auth/reauth.ts
// wraps them for pages and actions), so that they can be unit-tested and reused.
import type { Db } from "../db/client.ts";

export function isRecentlyConfirmed(confirmedAt: Date | null, minutes: number, now = Date.now()): boolean {
  if (!confirmedAt) return false;
  const age = now - confirmedAt.getTime();
  return age >= -60_000 && age < minutes * 60_000;
}

export async function markSessionConfirmed(db: Pick<Db, "session">, sessionToken: string, at = new Date()): Promise<void> {
  await db.session.updateMany({ where: { sessionToken }, data: { confirmedAt: at } });
}
