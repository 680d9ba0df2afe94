"use server";
// /account/security's actions: each is made with formAction (the caller must be logged in;
// it acts on their own account only), needs a sign-in or confirmation in the last
// REAUTH_MINUTES (lib/auth/reauth.ts), and calls the two-factor service.
import { redirect } from "next/navigation";
import { z } from "zod";
import { forgetRecoveryCodes, showRecoveryCodesOnce } from "@/lib/auth/two-factor/recovery-codes-flash";
import { cancelTwoFactorSetup, disableTwoFactor, enableTwoFactor, replaceRecoveryCodes, startTwoFactorSetup } from "@/lib/auth/two-factor/two-factor-service";
import { INVALID_CODE } from "@/lib/auth/messages";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { describeWait } from "@/lib/http/retry-after";
import { twoFactorCodeSchema } from "@/lib/validation/two-factor";

const PAGE = "/account/security";
const noInput = z.object({});

export const startSetupAction = formAction({
  fields: {},
  schema: noInput,
  async run(_input, { user }) {
    await requireRecentConfirmation(PAGE);
    await startTwoFactorSetup(db, user);
    redirect(PAGE);
  },
});

export const cancelSetupAction = formAction({
  fields: {},
  schema: noInput,
  async run(_input, { user }) {
    await requireRecentConfirmation(PAGE);
    await cancelTwoFactorSetup(db, user);
    redirect(PAGE);
  },
});

export const turnOnAction = formAction({
  fields: { secret: ["code"] },
  schema: twoFactorCodeSchema,
  async run({ code }, { user, ip }) {
    await requireRecentConfirmation(PAGE);
    const result = await enableTwoFactor(db, user, code, ip);
    if (result.ok) {
      await showRecoveryCodesOnce(user.id, result.recoveryCodes);
      redirect(`${PAGE}?notice=two-factor-on`);
    }
    if (result.reason === "throttled") return { status: "error", message: `Too many failed attempts. Try again in ${describeWait(result.retryAfterSeconds)}.` };
    return { status: "error", message: INVALID_CODE, errors: { code: [INVALID_CODE] } };
  },
});

export const newRecoveryCodesAction = formAction({
  fields: {},
  schema: noInput,
  async run(_input, { user, ip }) {
    await requireRecentConfirmation(PAGE);
    await showRecoveryCodesOnce(user.id, await replaceRecoveryCodes(db, user, ip));
    redirect(`${PAGE}?notice=recovery-codes-replaced`);
  },
});

export const turnOffAction = formAction({
  fields: {},
  schema: noInput,
  async run(_input, { user, ip }) {
    await requireRecentConfirmation(PAGE);
    await disableTwoFactor(db, user, ip);
    redirect(`${PAGE}?notice=two-factor-off`);
  },
});

/** Done with the recovery codes on screen: they are not shown again. */
export const hideRecoveryCodesAction = formAction({
  fields: {},
  schema: noInput,
  async run() {
    await forgetRecoveryCodes();
    redirect(PAGE);
  },
});
