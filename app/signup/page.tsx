import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { signupAllowed } from "@/lib/config/env";
import { signup } from "./actions";

export const metadata: Metadata = { title: "Sign up" };

export default function SignupPage() {
  if (!signupAllowed()) notFound();
  return (
    <main id="main" className="auth-page">
      <h1>Sign up for Staffroom</h1>
      <SignupForm action={signup} />
      <p>
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </main>
  );
}
