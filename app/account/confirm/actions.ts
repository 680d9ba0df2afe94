"use server";
import { redirect } from "next/navigation";
import { confirmWithPassword } from "@/lib/auth/confirm-identity";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { confirmIdentitySchema } from "@/lib/validation/auth";

export const confirmIdentity = formAction({
  fields: { text: ["next"], secret: ["password"] },
  schema: confirmIdentitySchema,
  async run({ password, next }, { user, sessionToken, ip }) {
    await confirmWithPassword(db, user, { sessionToken, password, ip });
    redirect(safeCallbackPath(next));
  },
});
