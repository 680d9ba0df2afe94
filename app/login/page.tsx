import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signupAllowed } from "@/lib/config/env";
import { login } from "./actions";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  return (
    <main id="main" className="auth-page">
      <h1>Log in to Staffroom</h1>
      <LoginForm action={login} callbackUrl={safeCallbackPath(callbackUrl)} />
      {signupAllowed() ? (
        <p>
          New here? <Link href="/signup">Sign up</Link>
        </p>
      ) : null}
    </main>
  );
}
