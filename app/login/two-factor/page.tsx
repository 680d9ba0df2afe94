import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TwoFactorCodeForm } from "@/components/auth/two-factor-form";
import { readChallengeCookie } from "@/lib/auth/login-cookies";
import { findChallenge } from "@/lib/auth/two-factor/login-challenge";
import { db } from "@/lib/db/client";
import { verifyCode } from "./actions";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** Only for someone who just passed the password step; anyone else starts at /login. */
export default async function TwoFactorLoginPage() {
  const challenge = await findChallenge(db, await readChallengeCookie("two-factor"), "two-factor");
  if (!challenge) redirect("/login");
  return (
    <main id="main" className="auth-page">
      <h1>Two-factor authentication</h1>
      <p>Enter the 6-digit code from your authenticator app.</p>
      <TwoFactorCodeForm action={verifyCode} submitLabel="Verify" hint="No phone to hand? Enter one of your recovery codes instead." />
      <p>
        <Link href="/login">Log in as someone else</Link>
      </p>
    </main>
  );
}
