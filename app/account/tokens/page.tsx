import type { Metadata } from "next";
import { IdButtonForm } from "@/components/forms/id-button-form";
import { CreateTokenForm } from "@/components/account/create-token-form";
import { Notice } from "@/components/layout/notice";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { db } from "@/lib/db/client";
import { listApiTokens } from "@/lib/tokens/token-service";
import { createToken, revokeToken } from "./actions";
import { ColumnHeadersWithActions, TableRegion } from "@/components/layout/table-region";

export const metadata: Metadata = { title: "API tokens" };

const NOTICES = {
  "token-revoked": { tone: "success", text: "The token has been revoked. It no longer works." },
  "token-missing": { tone: "error", text: "That token no longer exists." },
} as const;

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "Never");

export default async function TokensPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  // Creating a token is a sensitive change: a sign-in or confirmation in the last minutes.
  const { user } = await requireRecentConfirmation("/account/tokens");
  const tokens = await listApiTokens(db, user);
  const { notice } = await searchParams;
  return (
    <main id="main" className="page">
      <h1>API tokens</h1>
      <Notice code={notice} notices={NOTICES} />
      <p>
        Tokens let scripts use the Staffroom API as you. Anyone holding one can act as you until it expires or you revoke it.
        Changing your password revokes them all.
      </p>
      <p>
        What a script can do with one is in the <a href="/api/docs">API reference</a>.
      </p>
      <section aria-labelledby="new-token-heading" className="stack">
        <h2 id="new-token-heading">Create a token</h2>
        <CreateTokenForm action={createToken} />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        {tokens.length === 0 ? (
          <p>You have no API tokens.</p>
        ) : (
          <TableRegion label="Your API tokens">
            <table className="data">
              <ColumnHeadersWithActions columns={["Name", "Created", "Last used", "Expires"]} />
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{when(token.createdAt)}</td>
                    <td>{when(token.lastUsedAt)}</td>
                    <td>{when(token.expiresAt)}</td>
                    <td>
                      <IdButtonForm action={revokeToken} id={token.id} tone="danger" ariaLabel={`Revoke ${token.name}`}>
                        Revoke
                      </IdButtonForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </main>
  );
}
