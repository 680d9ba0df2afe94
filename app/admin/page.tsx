import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { firstParam, formatDateTime } from "@/components/admin/format";
import { ADMIN_NOTICES } from "@/components/admin/notices";
import { SignInChart, SignInTable } from "@/components/admin/sign-in-chart";
import { Notice } from "@/components/layout/notice";
import { requireRole } from "@/lib/auth/dal";
import { securityOverview } from "@/lib/auth/security-overview";
import { db } from "@/lib/db/client";
import { unlockAccountAction, unlockAddressAction } from "./actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Security overview" };

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

      <section aria-labelledby="held-accounts" className="admin-section">
        <h2 id="held-accounts">Locked or slowed accounts</h2>
        {overview.throttledAccounts.length === 0 ? (
          <p>No account is locked or slowed.</p>
        ) : (
          <ul className="held-list">
            {overview.throttledAccounts.map((entry) => (
              <li key={entry.account}>
                <p>
                  <strong>{entry.account}</strong>:{" "}
                  {[
                    entry.lockedAddresses > 0 ? `locked from ${entry.lockedAddresses} address${entry.lockedAddresses === 1 ? "" : "es"}` : null,
                    entry.slowed ? "slowed" : null,
                    `${entry.failures} failed attempts in 15 minutes`,
                    `last ${formatDateTime(entry.lastFailureAt.toISOString())}`,
                  ]
                    .filter(Boolean)
                    .join("; ")}
                </p>
                <ActionForm id={`unlock-account-${entry.account}`} action={unlockAccountAction.bind(null, entry.account)} submitLabel={`Unlock ${entry.account}`} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="held-addresses" className="admin-section">
        <h2 id="held-addresses">Locked or slowed addresses</h2>
        {overview.throttledAddresses.length === 0 ? (
          <p>No address is locked or slowed.</p>
        ) : (
          <ul className="held-list">
            {overview.throttledAddresses.map((entry) => (
              <li key={entry.address}>
                <p>
                  <strong>{entry.address}</strong>:{" "}
                  {[
                    entry.slowed ? "slowed (one attempt per 10 seconds)" : null,
                    entry.lockedAccounts > 0 ? `locked for ${entry.lockedAccounts} account${entry.lockedAccounts === 1 ? "" : "s"}` : null,
                    `${entry.failures} failed attempts in 15 minutes`,
                  ]
                    .filter(Boolean)
                    .join("; ")}
                </p>
                <ActionForm id={`unlock-address-${entry.address}`} action={unlockAddressAction.bind(null, entry.address)} submitLabel={`Unlock ${entry.address}`} />
              </li>
            ))}
          </ul>
        )}
      </section>

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
