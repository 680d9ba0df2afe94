import { z } from "zod";

/** The Code field of /login/two-factor and of turning two-factor on: six digits or a recovery code. */
export const twoFactorCodeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(40, "Invalid code."),
});
export type TwoFactorCodeInput = z.input<typeof twoFactorCodeSchema>;
