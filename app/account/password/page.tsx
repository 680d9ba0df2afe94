import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requireUser } from "@/lib/auth/dal";
import { changePassword } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  await requireUser();
  return (
    <main id="main" className="page narrow">
      <h1>Change password</h1>
      <ChangePasswordForm action={changePassword} />
    </main>
  );
}
