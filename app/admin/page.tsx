import type { Metadata } from "next";
import { firstParam, formatDateTime } from "@/components/admin/format";
import { HeldList } from "@/components/admin/held-list";
import { ADMIN_NOTICES } from "@/components/admin/notices";
import { SignInChart, SignInTable } from "@/components/admin/sign-in-chart";
import { Notice } from "@/components/layout/notice";
import { requireRole } from "@/lib/auth/dal";
import { securityOverview } from "@/lib/auth/security-overview";
import { db } from "@/lib/db/client";
import { unlockAccountAction, unlockAddressAction } from "./actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Security overview" };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /admin: what an administrator should look at first. docs/decisions/006-throttling.md explains the states. */
export default async function SecurityOverviewPage({ searchParams }: Props) {
  const user = await requireRole("admin");
  const params = await searchParams;
  const overview = await securityOverview(db, user);
  const held = overview.throttledAccounts.length + overview.throttledAddresses.length;

  return (
    <main id="main" className="page overview">
      <h1>Security overview</h1>
      <Notice code={firstParam(params.notice)} notices={ADMIN_NOTICES} />
      <dl className="overview-counts">
        <div>
          <dt>Accounts</dt>
          <dd>
            {overview.accounts} <span className="muted">({overview.activeAccounts} active)</span>
          </dd>
        </div>
        <div>
          <dt>Active sessions</dt>
          <dd>{overview.activeSessions}</dd>
        </div>
        <div>
          <dt>Held back now</dt>
          <dd>{held}</dd>
        </div>
      </dl>

      <HeldList
        id="held-accounts"
        heading="Locked or slowed accounts"
        emptyText="No account is locked or slowed."
        kind="account"
        entries={overview.throttledAccounts.map((entry) => ({
          name: entry.account,
          facts: [
            entry.lockedAddresses > 0 ? `locked from ${plural(entry.lockedAddresses, "address", "addresses")}` : null,
            entry.slowed ? "slowed" : null,
            `${entry.failures} failed attempts in 15 minutes`,
            `last ${formatDateTime(entry.lastFailureAt.toISOString())}`,
          ],
          unlock: unlockAccountAction.bind(null, entry.account),
        }))}
      />
      <HeldList
        id="held-addresses"
        heading="Locked or slowed addresses"
        emptyText="No address is locked or slowed."
        kind="address"
        entries={overview.throttledAddresses.map((entry) => ({
          name: entry.address,
          facts: [
            entry.slowed ? "slowed (one attempt per 10 seconds)" : null,
            entry.lockedAccounts > 0 ? `locked for ${plural(entry.lockedAccounts, "account", "accounts")}` : null,
            `${entry.failures} failed attempts in 15 minutes`,
          ],
          unlock: unlockAddressAction.bind(null, entry.address),
        }))}
      />

      <section aria-labelledby="sign-ins" className="admin-section">
        <h2 id="sign-ins">Sign-ins, last 30 days</h2>
        <div className="sign-ins">
          <SignInChart days={overview.signIns} />
          <SignInTable days={overview.signIns} />
        </div>
      </section>
    </main>
  );
}
