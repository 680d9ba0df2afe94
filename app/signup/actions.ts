"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { makeSessionCookieEndWithBrowser } from "@/lib/auth/login-cookies";
import { db } from "@/lib/db/client";
import { formStateFromError } from "@/lib/forms/form-action";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { clientIpFrom } from "@/lib/http/client-ip";
import { signUp } from "@/lib/staff/signup";
import { signupSchema } from "@/lib/validation/auth";
import { fieldErrors } from "@/lib/validation/fields";

/** Anyone may sign up while ALLOW_SIGNUP=true; they are then logged in, as the seed did. */
export async function signup(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input, echo } = readForm(formData, {
    text: ["email", "firstName", "lastName", "username"],
    secret: ["password", "confirmPassword"],
  });
  const parsed = signupSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error), values: echo };
  const { confirmPassword: _confirm, ...person } = parsed.data;
  try {
    await signUp(db, person, { ip: clientIpFrom(await headers()) });
  } catch (error) {
    return formStateFromError(error, echo);
  }
  await signIn("credentials", { email: person.email, password: person.password, remember: "false", redirect: false });
  // Not "remembered", like a login without Remember me: the cookie ends with the browser.
  await makeSessionCookieEndWithBrowser();
  redirect("/");
}
