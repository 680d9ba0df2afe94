"use server";
import { redirect } from "next/navigation";
import { confirmWithPasskey, confirmWithPassword, confirmWithSecondFactor } from "@/lib/auth/confirm-identity";
import { clearChallengeCookie, readChallengeCookie, setChallengeCookie } from "@/lib/auth/login-cookies";
import { startPasskeyAssertion } from "@/lib/auth/passkeys/passkey-service";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { confirmIdentitySchema } from "@/lib/validation/auth";
import { passkeyCeremonySchema } from "@/lib/validation/passkeys";
import { confirmWithCodeSchema } from "@/lib/validation/two-factor";

export const confirmIdentity = formAction({
  fields: { text: ["next"], secret: ["password"] },
  schema: confirmIdentitySchema,
  async run({ password, next }, { user, sessionToken, ip }) {
    await confirmWithPassword(db, user, { sessionToken, password, ip });
    redirect(safeCallbackPath(next));
  },
});

/** For someone with two-factor: the second factor confirms, not the password. */
export const confirmIdentityWithCode = formAction({
  fields: { text: ["next"], secret: ["code"] },
  schema: confirmWithCodeSchema,
  async run({ code, next }, { user, sessionToken, ip }) {
    await confirmWithSecondFactor(db, user, { sessionToken, code, ip });
    redirect(safeCallbackPath(next));
  },
});

/** For someone with a passkey: the ceremony's two posts (components/auth/passkey-button.tsx). */
export const confirmIdentityWithPasskey = formAction({
  fields: { text: ["intent", "next"], secret: ["answer"] },
  schema: passkeyCeremonySchema,
  async run({ intent, answer, next }, { user, sessionToken, ip }) {
    if (intent === "begin") {
      const { options, token } = await startPasskeyAssertion(db, "passkey-confirm", user);
      await setChallengeCookie("passkey-confirm", token);
      return { status: "success", result: { passkeyOptions: JSON.stringify(options) } };
    }
    const token = await readChallengeCookie("passkey-confirm");
    await clearChallengeCookie("passkey-confirm");
    await confirmWithPasskey(db, user, { sessionToken, token, answer, ip });
    redirect(safeCallbackPath(next));
  },
});
