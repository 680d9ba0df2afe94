"use server";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/dal";
import { confirmUrl, isRecentlyConfirmed } from "@/lib/auth/reauth";
import { reauthMinutes } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { createApiToken, revokeApiToken } from "@/lib/tokens/token-service";
import { numericIdParams } from "@/lib/validation/params";
import { tokenFormSchema } from "@/lib/validation/tokens";
import { NotFoundError } from "@/lib/errors";

export const createToken = formAction({
  fields: { text: ["name"] },
  schema: tokenFormSchema,
  async run({ name }, { user, confirmedAt }) {
    if (!isRecentlyConfirmed(confirmedAt, reauthMinutes())) redirect(confirmUrl("/account/tokens"));
    const { token, apiToken } = await createApiToken(db, user, name);
    return {
      status: "success",
      message: `Token "${apiToken.name}" created. Copy it now: it will not be shown again.`,
      result: { token, expiresAt: apiToken.expiresAt },
    };
  },
});

export async function revokeToken(formData: FormData): Promise<void> {
  const user = await requireUser();
  // A tampered call may pass anything for the form: then there is no such token.
  const parsed = numericIdParams.safeParse({ id: formData instanceof FormData ? formData.get("id") : null });
  try {
    if (!parsed.success) throw new NotFoundError("No such token.");
    await revokeApiToken(db, user, parsed.data.id);
  } catch (error) {
    if (error instanceof NotFoundError) redirect("/account/tokens?notice=token-missing");
    throw error;
  }
  redirect("/account/tokens?notice=token-revoked");
}
