import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { findValidLink } from "@/lib/accounts/account-links";
import { LINK_UNUSABLE } from "@/lib/accounts/password-reset";
import { db } from "@/lib/db/client";
import { setPasswordWithLink } from "./actions";

export const metadata: Metadata = { title: "Set your password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const secret = typeof token === "string" ? token : "";
  const link = await findValidLink(db, secret);
  if (!link) {
    return (
      <main id="main" className="auth-page">
        <h1>Set your password</h1>
        <p className="notice error" role="alert">
          {LINK_UNUSABLE}
        </p>
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </main>
    );
  }
  const invitation = link.purpose === "invitation";
  return (
    <main id="main" className="auth-page">
      <h1>{invitation ? "Choose your password" : "Reset your password"}</h1>
      <p>
        {invitation ? "Welcome to Staffroom. " : ""}Choose a password for {link.user.email}.
      </p>
      <ResetPasswordForm action={setPasswordWithLink} token={secret} />
    </main>
  );
}
