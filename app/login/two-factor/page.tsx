import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasskeySignInButton } from "@/components/auth/passkey-sign-in-button";
import { TwoFactorCodeForm } from "@/components/auth/two-factor-form";
import { readChallengeCookie } from "@/lib/auth/login-cookies";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { hasPasskey } from "@/lib/auth/passkeys/passkey-service";
import { findChallenge } from "@/lib/auth/two-factor/login-challenge";
import { hasAuthenticatorApp } from "@/lib/auth/two-factor/two-factor-service";
import { db } from "@/lib/db/client";
import { passkeySignInAction } from "../passkey-actions";
import { verifyCode } from "./actions";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** Only for someone who just passed the password step; anyone else starts at /login. */
export default async function TwoFactorLoginPage() {
  const challenge = await findChallenge(db, await readChallengeCookie("two-factor"), "two-factor");
  if (!challenge?.userId) redirect("/login");
  // Two-factor is an authenticator app, a passkey, or both: offer what this person has.
  const [app, passkey] = await Promise.all([hasAuthenticatorApp(db, challenge.userId), hasPasskey(db, challenge.userId)]);
  return (
    <main id="main" className="auth-page">
      <h1>Two-factor authentication</h1>
      {app ? (
        <>
          <p>Enter the 6-digit code from your authenticator app.</p>
          <TwoFactorCodeForm action={verifyCode} submitLabel="Verify" hint="No phone to hand? Enter one of your recovery codes instead." />
        </>
      ) : null}
      {passkey ? (
        <>
          <p>{app ? "Or use" : "Use"} one of your passkeys: it signs you in on its own.</p>
          <PasskeySignInButton action={passkeySignInAction} fields={{ callbackUrl: safeCallbackPath(challenge.callbackUrl) }} />
        </>
      ) : null}
      <p>
        <Link href="/login">Log in as someone else</Link>
      </p>
    </main>
  );
}
