"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { db } from "@/lib/db/client";
import { SecondFactorRequired, signIn, TooManyAttempts } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentSessionToken, makeSessionCookieEndWithBrowser, setChallengeCookie } from "@/lib/auth/login-cookies";
import { landingAfterLogin } from "@/lib/auth/two-factor/landing";
import { endSession } from "@/lib/auth/sessions";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { describeWait } from "@/lib/http/retry-after";
import { loginSchema } from "@/lib/validation/auth";
import { fieldErrors } from "@/lib/validation/fields";

import { INVALID_CREDENTIALS } from "@/lib/auth/messages";
import { forgetLoggedOut } from "./logged-out-notice";

export async function login(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input, echo } = readForm(formData, { text: ["email", "remember", "callbackUrl"], secret: ["password"] });
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error), values: echo };
  const { email, password, remember } = parsed.data;
  const callbackUrl = safeCallbackPath(input.callbackUrl);

  forgetLoggedOut(await cookies());
  const previousSession = await currentSessionToken();
  try {
    await signIn("credentials", { email, password, remember: String(remember), returnTo: callbackUrl, redirect: false });
  } catch (error) {
    if (error instanceof SecondFactorRequired || (error as { code?: string }).code === "second_factor") {
      // No session yet: only the pending step, in a cookie that nothing but /login/two-factor reads.
      await setChallengeCookie("two-factor", (error as SecondFactorRequired).challengeToken);
      redirect("/login/two-factor");
    }
    if (error instanceof TooManyAttempts || (error as { code?: string }).code === "throttled") {
      const wait = describeWait((error as TooManyAttempts).retryAfterSeconds);
      return { status: "error", message: `Too many failed attempts. Try again in ${wait}.`, values: echo };
    }
    if (error instanceof AuthError) return { status: "error", message: INVALID_CREDENTIALS, values: echo };
    throw error;
  }
  if (previousSession) await endSession(db, previousSession);
  if (!remember) await makeSessionCookieEndWithBrowser();
  redirect(await landingAfterLogin(callbackUrl));
}
