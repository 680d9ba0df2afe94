import type { Metadata } from "next";
import { firstParam, formatDateTime } from "@/components/admin/format";
import { HeldList, type HeldEntry } from "@/components/admin/held-list";
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

type Overview = Awaited<ReturnType<typeof securityOverview>>;

function heldAccount(entry: Overview["throttledAccounts"][number]): HeldEntry {
  const facts = [`${entry.failures} failed attempts in 15 minutes`, `last ${formatDateTime(entry.lastFailureAt.toISOString())}`];
  if (entry.slowed) facts.unshift("slowed");
  if (entry.lockedAddresses > 0) facts.unshift(`locked from ${plural(entry.lockedAddresses, "address", "addresses")}`);
  return { name: entry.account, facts, unlock: unlockAccountAction.bind(null, entry.account) };
}

function heldAddress(entry: Overview["throttledAddresses"][number]): HeldEntry {
  const facts = [`${entry.failures} failed attempts in 15 minutes`];
  if (entry.lockedAccounts > 0) facts.unshift(`locked for ${plural(entry.lockedAccounts, "account", "accounts")}`);
  if (entry.slowed) facts.unshift("slowed (one attempt per 10 seconds)");
  return { name: entry.address, facts, unlock: unlockAddressAction.bind(null, entry.address) };
}

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

      <HeldList id="held-accounts" heading="Locked or slowed accounts" emptyText="No account is locked or slowed." kind="account" entries={overview.throttledAccounts.map(heldAccount)} />
      <HeldList id="held-addresses" heading="Locked or slowed addresses" emptyText="No address is locked or slowed." kind="address" entries={overview.throttledAddresses.map(heldAddress)} />

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
