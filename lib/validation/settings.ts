import { z } from "zod";

/** Who must use two-factor authentication (/admin/settings). */
export const TWO_FACTOR_POLICIES = ["nobody", "admins", "everyone"] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];

export const POLICY_LABELS: Record<TwoFactorPolicy, string> = { nobody: "Nobody", admins: "Administrators", everyone: "Everyone" };

export const settingsFormSchema = z.object({
  twoFactorPolicy: z.enum(TWO_FACTOR_POLICIES, { error: "Choose who must use two-factor authentication." }),
});
export type SettingsInput = z.input<typeof settingsFormSchema>;
