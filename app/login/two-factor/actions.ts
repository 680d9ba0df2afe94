"use server";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { LoginStepExpired, signIn, TooManyAttempts } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clearChallengeCookie, currentSessionToken, makeSessionCookieEndWithBrowser, readChallengeCookie } from "@/lib/auth/login-cookies";
import { INVALID_CODE } from "@/lib/auth/messages";
import { endSession } from "@/lib/auth/sessions";
import { findChallenge } from "@/lib/auth/two-factor/login-challenge";
import { db } from "@/lib/db/client";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { describeWait } from "@/lib/http/retry-after";
import { fieldErrors } from "@/lib/validation/fields";
import { twoFactorCodeSchema } from "@/lib/validation/two-factor";

/** /login/two-factor's Verify: the code (or a recovery code) for the pending login in the cookie. */
export async function verifyCode(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input } = readForm(formData, { secret: ["code"] });
  const parsed = twoFactorCodeSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error) };

  const token = await readChallengeCookie("two-factor");
  const challenge = await findChallenge(db, token, "two-factor");
  if (!token || !challenge) {
    await clearChallengeCookie("two-factor");
    redirect("/login");
  }
  const previousSession = await currentSessionToken();
  try {
    await signIn("credentials", { challenge: token, code: parsed.data.code, redirect: false });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof TooManyAttempts || code === "throttled") {
      return { status: "error", message: `Too many failed attempts. Try again in ${describeWait((error as TooManyAttempts).retryAfterSeconds)}.` };
    }
    if (error instanceof LoginStepExpired || code === "login_step_expired") {
      await clearChallengeCookie("two-factor");
      redirect("/login");
    }
    if (error instanceof AuthError) return { status: "error", message: INVALID_CODE, errors: { code: [INVALID_CODE] } };
    throw error;
  }
  await clearChallengeCookie("two-factor");
  if (previousSession) await endSession(db, previousSession);
  if (!challenge.remember) await makeSessionCookieEndWithBrowser();
  redirect(safeCallbackPath(challenge.callbackUrl));
}
