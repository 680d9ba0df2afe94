import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { PasskeySignInButton } from "@/components/auth/passkey-sign-in-button";
import { Notice } from "@/components/layout/notice";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signupAllowed } from "@/lib/config/env";
import { login } from "./actions";
import { passkeySignInAction } from "./passkey-actions";
import { LOGGED_OUT_NOTICES, loggedOutNotice } from "./logged-out-notice";

export const metadata: Metadata = { title: "Log in" };

const LOGIN_NOTICES = {
  "password-reset": { tone: "success", text: "Your password has been reset, and every session has been logged out. Log in with your new password." },
  "password-chosen": { tone: "success", text: "Your password is set. Log in with it." },
} as const;

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl, notice } = await searchParams;
  return (
    <main id="main" className="auth-page">
      <h1>Log in to Staffroom</h1>
      <Notice code={typeof notice === "string" ? notice : undefined} notices={LOGIN_NOTICES} />
      <Notice code={loggedOutNotice(await cookies())} notices={LOGGED_OUT_NOTICES} />
      <LoginForm action={login} callbackUrl={safeCallbackPath(callbackUrl)} />
      <PasskeySignInButton action={passkeySignInAction} fields={{ callbackUrl: safeCallbackPath(callbackUrl) }} />
      <p>
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      {signupAllowed() ? (
        <p>
          New here? <Link href="/signup">Sign up</Link>
        </p>
      ) : null}
    </main>
  );
}
