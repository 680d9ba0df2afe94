"use server";
import { after } from "next/server";
import { headers } from "next/headers";
import { admitResetRequest, RESET_REQUESTED, sendResetLinkIfAccountExists } from "@/lib/accounts/password-reset";
import { db } from "@/lib/db/client";
import { formStateFromError } from "@/lib/forms/form-action";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { clientIpFrom } from "@/lib/http/client-ip";
import { forgotPasswordSchema } from "@/lib/validation/auth";
import { fieldErrors } from "@/lib/validation/fields";

/**
 * The same answer for every email, in the same time: only the throttle runs before it.
 * Looking the account up and queueing its mail happen after the answer has gone (after()).
 */
export async function requestPasswordReset(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input, echo } = readForm(formData, { text: ["email"] });
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error), values: echo };
  const ip = clientIpFrom(await headers());
  try {
    await admitResetRequest(db, parsed.data.email, ip);
  } catch (error) {
    return formStateFromError(error, echo);
  }
  after(async () => {
    try {
      await sendResetLinkIfAccountExists(db, parsed.data.email, ip);
    } catch (error) {
      console.error("[accounts] a password reset could not be queued:", (error as Error).message);
    }
  });
  return { status: "success", message: RESET_REQUESTED };
}
