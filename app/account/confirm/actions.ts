"use server";
import { redirect } from "next/navigation";
import { confirmWithPassword, confirmWithSecondFactor } from "@/lib/auth/confirm-identity";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { confirmIdentitySchema } from "@/lib/validation/auth";
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
