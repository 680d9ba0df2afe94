import type { Metadata } from "next";
import { ConfirmIdentityForm } from "@/components/auth/confirm-identity-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { requireSession } from "@/lib/auth/dal";
import { confirmIdentity } from "./actions";

export const metadata: Metadata = { title: "Confirm it's you" };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSession();
  const { next } = await searchParams;
  return (
    <main id="main" className="page narrow">
      <h1>Confirm it&apos;s you</h1>
      <p>This page needs your password again before it lets you make changes.</p>
      <ConfirmIdentityForm action={confirmIdentity} next={safeCallbackPath(next)} />
    </main>
  );
}
