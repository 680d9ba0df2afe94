import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { CHOOSE_NEW_PASSWORD } from "@/lib/auth/messages";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { changePassword } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const session = await requireRecentConfirmation("/account/password");
  return (
    <main id="main" className="page narrow">
      <h1>Change password</h1>
      {session.mustChangePassword ? (
        <p className="notice" role="status">
          {CHOOSE_NEW_PASSWORD}
        </p>
      ) : null}
      <ChangePasswordForm action={changePassword} />
    </main>
  );
}
