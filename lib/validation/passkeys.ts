import { z } from "zod";

/** A passkey ceremony's form (components/auth/passkey-button.tsx): get the options, then send the answer. */
export const passkeyCeremonySchema = z.object({
  intent: z.enum(["begin", "finish"]),
  // The authenticator's answer, as JSON; lib/auth/passkeys/ checks everything in it.
  answer: z.string().max(64 * 1024).optional(),
  callbackUrl: z.string().optional(),
  next: z.string().optional(),
});
export type PasskeyCeremonyInput = z.input<typeof passkeyCeremonySchema>;

const passkeyId = z.string().min(1).max(1024);

export const renamePasskeySchema = z.object({
  id: passkeyId,
  name: z.string().trim().min(1, "Enter a name.").max(60, "At most 60 characters."),
});

export const removePasskeySchema = z.object({ id: passkeyId });
