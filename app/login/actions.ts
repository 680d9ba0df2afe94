"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { servedOverHttps } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { signIn, sessionCookieName, TooManyAttempts } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { sessionTokenFromCookie } from "@/lib/auth/dal";
import { endSession } from "@/lib/auth/sessions";
import { readForm } from "@/lib/forms/form-data";
import { CHECK_FIELDS, type FormState } from "@/lib/forms/form-state";
import { describeWait } from "@/lib/http/retry-after";
import { loginSchema } from "@/lib/validation/auth";
import { fieldErrors } from "@/lib/validation/fields";

import { INVALID_CREDENTIALS } from "@/lib/auth/messages";

export async function login(_previous: FormState, formData: FormData): Promise<FormState> {
  const { input, echo } = readForm(formData, { text: ["email", "remember", "callbackUrl"], secret: ["password"] });
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error), values: echo };
  const { email, password, remember } = parsed.data;

  const previousSession = await currentSessionToken();
  try {
    await signIn("credentials", { email, password, remember: String(remember), redirect: false });
  } catch (error) {
    if (error instanceof TooManyAttempts || (error as { code?: string }).code === "throttled") {
      const wait = describeWait((error as TooManyAttempts).retryAfterSeconds);
      return { status: "error", message: `Too many failed attempts. Try again in ${wait}.`, values: echo };
    }
    if (error instanceof AuthError) return { status: "error", message: INVALID_CREDENTIALS, values: echo };
    throw error;
  }
  if (previousSession) await endSession(db, previousSession);
  if (!remember) await makeSessionCookieEndWithBrowser();
  redirect(safeCallbackPath(input.callbackUrl));
}

/** Logging in again replaces the session: the old row would otherwise linger until it expires. */
async function currentSessionToken(): Promise<string | null> {
  const cookie = (await cookies()).get(sessionCookieName())?.value;
  return cookie ? sessionTokenFromCookie(cookie) : null;
}

// Auth.js gives its cookie an expiry (its session maxAge, here the remember-me length).
// Without "Remember me" the same cookie is re-set without one, so the browser forgets it
// when it closes; the session row itself expires after SESSION_HOURS.
async function makeSessionCookieEndWithBrowser() {
  const jar = await cookies();
  const name = sessionCookieName();
  const value = jar.get(name)?.value;
  if (value) jar.set(name, value, { httpOnly: true, sameSite: "lax", secure: servedOverHttps(), path: "/" });
}
