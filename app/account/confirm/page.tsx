import type { Metadata } from "next";
import { ConfirmIdentityForm } from "@/components/auth/confirm-identity-form";
import { PasskeySignInButton } from "@/components/auth/passkey-sign-in-button";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { TwoFactorCodeForm } from "@/components/auth/two-factor-form";
import { requireSession } from "@/lib/auth/dal";
import { hasPasskey } from "@/lib/auth/passkeys/passkey-service";
import { hasAuthenticatorApp } from "@/lib/auth/two-factor/two-factor-service";
import { db } from "@/lib/db/client";
import { confirmIdentity, confirmIdentityWithCode, confirmIdentityWithPasskey } from "./actions";

export const metadata: Metadata = { title: "Confirm it's you" };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await requireSession();
  const { next } = await searchParams;
  // With two-factor (an app, passkeys, or both) the password alone is not enough: offer what they have.
  const [app, passkey] = await Promise.all([hasAuthenticatorApp(db, user.id), hasPasskey(db, user.id)]);
  if (app || passkey) {
    return (
      <main id="main" className="page narrow">
        <h1>Confirm it&apos;s you</h1>
        {app ? (
          <>
            <p>This page needs a code from your authenticator app before it lets you make changes.</p>
            <TwoFactorCodeForm action={confirmIdentityWithCode} submitLabel="Confirm" hint="The 6-digit code from your app, or one of your recovery codes." next={safeCallbackPath(next)} />
          </>
        ) : null}
        {passkey ? (
          <>
            <p>{app ? "Or confirm" : "This page needs you to confirm"} with one of your passkeys{app ? "." : " before it lets you make changes."}</p>
            <PasskeySignInButton action={confirmIdentityWithPasskey} label="Confirm with a passkey" fields={{ next: safeCallbackPath(next) }} />
          </>
        ) : null}
      </main>
    );
  }
  return (
    <main id="main" className="page narrow">
      <h1>Confirm it&apos;s you</h1>
      <p>This page needs your password again before it lets you make changes.</p>
      <ConfirmIdentityForm action={confirmIdentity} next={safeCallbackPath(next)} />
    </main>
  );
}
