// "Require two-factor authentication for": Nobody (the default), Administrators or Everyone,
// set at /admin/settings and kept in the settings table. People it covers who have no
// second factor are sent to /account/security after login, and by the data-access layer on
// every page, until they have set it up.
import { recordAudit } from "../../audit/audit-log.ts";
import { directReaderFor, type Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transactions.ts";
import { assertManager, type Caller } from "../../identity/caller.ts";
import type { CurrentUser } from "../../identity/current-user.ts";
import { hasTwoFactor } from "./two-factor-service.ts";
import { TWO_FACTOR_POLICIES, type TwoFactorPolicy } from "../../validation/settings.ts";


export type { TwoFactorPolicy };

const KEY = "twoFactorPolicy";

/** Where people the policy covers are sent until they have set two-factor up. */
export const SECURITY_PAGE_PATH = "/account/security";

function parsePolicy(raw: string | undefined): TwoFactorPolicy {
  return (TWO_FACTOR_POLICIES as readonly string[]).includes(raw ?? "") ? (raw as TwoFactorPolicy) : "nobody";
}

const POLICY_SQL = `SELECT "value" FROM "settings" WHERE "key" = ?`;

/**
 * Read on every page of a signed-in person, from the database each time: a copy kept in
 * memory would go stale in every other worker process and instance, letting a covered
 * person past the policy after an administrator tightened it. Through the direct read path
 * (lib/db/direct-reads.ts) it costs a prepared statement on a one-row primary-key lookup.
 */
export async function getTwoFactorPolicy(db: Db): Promise<TwoFactorPolicy> {
  const [row] = await directReaderFor(db).all(POLICY_SQL, [KEY]);
  return parsePolicy(row ? (JSON.parse(String(row.value)) as string) : undefined);
}

export async function setTwoFactorPolicy(db: Db, caller: Caller, policy: TwoFactorPolicy, context: { ip?: string | null } = {}): Promise<void> {
  const actor = assertManager(caller);
  await inTransaction(db, async (tx) => {
    const previous = await tx.setting.findUnique({ where: { key: KEY } });
    const from = parsePolicy(previous ? (JSON.parse(previous.value) as string) : undefined);
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: JSON.stringify(policy) }, update: { value: JSON.stringify(policy) } });
    if (from !== policy) await recordAudit(tx, { action: "settings.changed", actor, ip: context.ip ?? null, details: { twoFactorPolicy: { from, to: policy } } });
  });
}

export function policyCovers(policy: TwoFactorPolicy, user: Pick<CurrentUser, "isAdmin">): boolean {
  return policy === "everyone" || (policy === "admins" && user.isAdmin);
}

/** Whether this person must set up two-factor before anything else. */
export async function needsTwoFactorSetup(db: Db, user: Pick<CurrentUser, "id" | "isAdmin">): Promise<boolean> {
  if (!policyCovers(await getTwoFactorPolicy(db), user)) return false;
  return !(await hasTwoFactor(db, user.id));
}
