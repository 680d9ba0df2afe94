import { z } from "zod";

/** The Code field of /login/two-factor and of turning two-factor on: six digits or a recovery code. */
export const twoFactorCodeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(40, "Invalid code."),
});
export type TwoFactorCodeInput = z.input<typeof twoFactorCodeSchema>;

/** /account/confirm for someone with two-factor: the code, and where to go back to. */
export const confirmWithCodeSchema = twoFactorCodeSchema.extend({ next: z.string().optional() });
export type ConfirmWithCodeInput = z.input<typeof confirmWithCodeSchema>;
