import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { requestPasswordReset } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <main id="main" className="auth-page">
      <h1>Forgot your password?</h1>
      <p>Enter the email you log in with. If it belongs to an account, we send it a link to choose a new password.</p>
      <ForgotPasswordForm action={requestPasswordReset} />
      <p>
        <Link href="/login">Back to log in</Link>
      </p>
    </main>
  );
}
