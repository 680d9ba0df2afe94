"use server";
// "Sign in with a passkey" on /login (and on /login/two-factor, where a passkey is the other
// way through the second step). The session is made by Auth.js' signIn, as for a password.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { LoginStepExpired, signIn, TooManyAttempts } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clearChallengeCookie, currentSessionToken, makeSessionCookieEndWithBrowser, readChallengeCookie, setChallengeCookie } from "@/lib/auth/login-cookies";
import { PASSKEY_EXPIRED, PASSKEY_NOT_ACCEPTED } from "@/lib/auth/messages";
import { startPasskeyAssertion } from "@/lib/auth/passkeys/passkey-service";
import { endSession } from "@/lib/auth/sessions";
import { landingAfterLogin } from "@/lib/auth/two-factor/landing";
import { db } from "@/lib/db/client";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { describeWait } from "@/lib/http/retry-after";
import { passkeyCeremonySchema } from "@/lib/validation/passkeys";
import { forgetLoggedOut } from "./logged-out-notice";

export async function passkeySignInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input } = readForm(formData, { text: ["intent", "callbackUrl"], secret: ["answer"] });
  const parsed = passkeyCeremonySchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS };
  if (parsed.data.intent === "begin") {
    const { options, token } = await startPasskeyAssertion(db, "passkey-login");
    await setChallengeCookie("passkey-login", token);
    return { status: "success", result: { passkeyOptions: JSON.stringify(options) } };
  }

  const token = await readChallengeCookie("passkey-login");
  await clearChallengeCookie("passkey-login");
  if (!token) return { status: "error", message: PASSKEY_EXPIRED };
  forgetLoggedOut(await cookies());
  const previousSession = await currentSessionToken();
  try {
    await signIn("credentials", { passkey: token, passkeyResponse: parsed.data.answer ?? "", redirect: false });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof TooManyAttempts || code === "throttled") {
      return { status: "error", message: `Too many failed attempts. Try again in ${describeWait((error as TooManyAttempts).retryAfterSeconds)}.` };
    }
    if (error instanceof LoginStepExpired || code === "login_step_expired") return { status: "error", message: PASSKEY_EXPIRED };
    if (error instanceof AuthError) return { status: "error", message: PASSKEY_NOT_ACCEPTED };
    throw error;
  }
  // A password step waiting for its code is moot now.
  await clearChallengeCookie("two-factor");
  if (previousSession) await endSession(db, previousSession);
  await makeSessionCookieEndWithBrowser();
  redirect(await landingAfterLogin(safeCallbackPath(parsed.data.callbackUrl)));
}
