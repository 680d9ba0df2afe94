"use server";
// /account/security's Passkeys: adding one (the ceremony's two posts), renaming, removing.
// Like the page's other changes, each needs a recent sign-in or confirmation, and acts on
// the caller's own passkeys only (lib/auth/passkeys/passkey-service.ts).
import { notFound, redirect } from "next/navigation";
import { clearChallengeCookie, readChallengeCookie, setChallengeCookie } from "@/lib/auth/login-cookies";
import { PASSKEY_EXPIRED } from "@/lib/auth/messages";
import { finishPasskeyRegistration, parseAnswer, removePasskey, renamePasskey, startPasskeyRegistration } from "@/lib/auth/passkeys/passkey-service";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { formAction } from "@/lib/forms/form-action";
import { passkeyCeremonySchema, removePasskeySchema, renamePasskeySchema } from "@/lib/validation/passkeys";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";

const PAGE = "/account/security";

export const addPasskeyAction = formAction({
  fields: { text: ["intent"], secret: ["answer"] },
  schema: passkeyCeremonySchema,
  async run({ intent, answer }, { user, ip }) {
    await requireRecentConfirmation(PAGE);
    if (intent === "begin") {
      const { options, token } = await startPasskeyRegistration(db, user);
      await setChallengeCookie("passkey-register", token);
      return { status: "success", result: { passkeyOptions: JSON.stringify(options) } };
    }
    const token = await readChallengeCookie("passkey-register");
    await clearChallengeCookie("passkey-register");
    const response = parseAnswer<RegistrationResponseJSON>(answer);
    if (!response) return { status: "error", message: "The passkey could not be added. Try again." };
    const result = await finishPasskeyRegistration(db, user, { token, response, userAgent: (await headers()).get("user-agent"), ip });
    if (!result.ok) return { status: "error", message: result.reason === "expired" ? PASSKEY_EXPIRED : "The passkey could not be added. Try again." };
    redirect(`${PAGE}?notice=passkey-added`);
  },
});

/** Someone else's passkey id answers 404, as an unknown one does: nothing tells them it exists. */
async function ownPasskeyOr404(change: () => Promise<void>): Promise<void> {
  try {
    await change();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export const renamePasskeyAction = formAction({
  fields: { text: ["id", "name"] },
  schema: renamePasskeySchema,
  async run({ id, name }, { user, ip }) {
    await requireRecentConfirmation(PAGE);
    await ownPasskeyOr404(() => renamePasskey(db, user, id, name, ip));
    redirect(`${PAGE}?notice=passkey-renamed`);
  },
});

export const removePasskeyAction = formAction({
  fields: { text: ["id"] },
  schema: removePasskeySchema,
  async run({ id }, { user, ip }) {
    await requireRecentConfirmation(PAGE);
    await ownPasskeyOr404(() => removePasskey(db, user, id, ip));
    redirect(`${PAGE}?notice=passkey-removed`);
  },
});
