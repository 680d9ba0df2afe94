"use server";
import { setTwoFactorPolicy } from "@/lib/auth/two-factor/policy";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { settingsFormSchema } from "@/lib/validation/settings";

export const saveSettingsAction = formAction({
  fields: { text: ["twoFactorPolicy"] },
  schema: settingsFormSchema,
  role: "admin",
  async run({ twoFactorPolicy }, { user, ip }) {
    await setTwoFactorPolicy(db, user, twoFactorPolicy, { ip });
    return { status: "success", message: "The settings have been saved.", values: { twoFactorPolicy } };
  },
});
