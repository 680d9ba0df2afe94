"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { findValidLink } from "@/lib/accounts/account-links";
import { completeWithLink, LINK_UNUSABLE } from "@/lib/accounts/password-reset";
import { db } from "@/lib/db/client";
import { formStateFromError } from "@/lib/forms/form-action";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { clientIpFrom } from "@/lib/http/client-ip";
import { resetPasswordSchema } from "@/lib/validation/auth";
import { fieldErrors } from "@/lib/validation/fields";

export async function setPasswordWithLink(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input } = readForm(formData, { text: ["token"], secret: ["newPassword", "confirmPassword"] });
  const token = typeof input.token === "string" ? input.token : "";
  const link = await findValidLink(db, token);
  if (!link) return { status: "error", message: LINK_UNUSABLE, values: { token } };
  // The person's email and username may not be the password: the schema needs to know them.
  const parsed = resetPasswordSchema({ email: link.user.email, username: link.user.username }).safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error), values: { token } };
  let purpose: string;
  try {
    ({ purpose } = await completeWithLink(db, { token, password: parsed.data.newPassword, ip: clientIpFrom(await headers()) }));
  } catch (error) {
    return formStateFromError(error, { token });
  }
  redirect(`/login?notice=${purpose === "reset" ? "password-reset" : "password-chosen"}`);
}
