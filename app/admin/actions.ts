"use server";
// The security overview's Unlock buttons. The account or address is bound to the form by
// the page and comes back from the browser, so the service checks it again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { withNotice } from "@/components/admin/notices";
import { unlockThrottledAccount, unlockThrottledAddress } from "@/lib/auth/security-overview";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";

const boundText = (value: unknown) => (typeof value === "string" && value.length <= 254 ? value : "");

export async function unlockAccountAction(account: string, previous: FormState, formData: FormData): Promise<FormState> {
  return formAction({
    fields: {},
    schema: z.object({}),
    role: "admin",
    async run(_input, { user, ip }) {
      await unlockThrottledAccount(db, user, boundText(account), { ip });
      redirect(withNotice("/admin", "account-unlocked"));
    },
  })(previous, formData);
}

export async function unlockAddressAction(address: string, previous: FormState, formData: FormData): Promise<FormState> {
  return formAction({
    fields: {},
    schema: z.object({}),
    role: "admin",
    async run(_input, { user, ip }) {
      await unlockThrottledAddress(db, user, boundText(address), { ip });
      redirect(withNotice("/admin", "address-unlocked"));
    },
  })(previous, formData);
}
