"use server";
// The security overview's Unlock buttons. The account or address is bound to the form by
// the page and comes back from the browser, so the service checks it again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { withNotice, type AdminNoticeCode } from "@/components/admin/notices";
import { unlockThrottledAccount, unlockThrottledAddress } from "@/lib/auth/security-overview";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";

const boundText = (value: unknown) => (typeof value === "string" && value.length <= 254 ? value : "");

type Unlock = typeof unlockThrottledAccount;

/** An Unlock button's action: what it unlocks is bound by the page, the notice says what was done. */
function unlockAction(unlock: Unlock, notice: AdminNoticeCode) {
  return async (held: string, previous: FormState, formData: FormData): Promise<FormState> =>
    formAction({
      fields: {},
      schema: z.object({}),
      role: "admin",
      async run(_input, { user, ip }) {
        await unlock(db, user, boundText(held), { ip });
        redirect(withNotice("/admin", notice));
      },
    })(previous, formData);
}

const unlockAccount = unlockAction(unlockThrottledAccount, "account-unlocked");
const unlockAddress = unlockAction(unlockThrottledAddress, "address-unlocked");

export async function unlockAccountAction(account: string, previous: FormState, formData: FormData): Promise<FormState> {
  return unlockAccount(account, previous, formData);
}

export async function unlockAddressAction(address: string, previous: FormState, formData: FormData): Promise<FormState> {
  return unlockAddress(address, previous, formData);
}
