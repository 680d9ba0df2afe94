"use server";
import { redirect } from "next/navigation";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { reauthMinutes } from "@/lib/config/env";
import { confirmUrl, isRecentlyConfirmed } from "@/lib/auth/reauth";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { changePasswordSchema } from "@/lib/validation/auth";

export const changePassword = formAction({
  fields: { secret: ["currentPassword", "newPassword", "confirmPassword"] },
  schema: ({ user }) => changePasswordSchema({ email: user.email, username: user.username }),
  async run({ currentPassword, newPassword }, { user, sessionToken, confirmedAt, ip }) {
    // The page was confirmed when it was shown; it may have stood open since.
    if (!isRecentlyConfirmed(confirmedAt, reauthMinutes())) redirect(confirmUrl("/account/password"));
    await changeOwnPassword(db, user, { currentPassword, newPassword, keepSession: sessionToken, ip });
    return { status: "success", message: "Your password has been changed. You have been logged out everywhere else." };
  },
});
