"use client";
import type { FormAction } from "@/components/forms/use-action-form";
import { PasskeyButton } from "./passkey-button";

/**
 * "Sign in with a passkey" (/login, /login/two-factor: `callbackUrl`) and "Confirm with a
 * passkey" (/account/confirm: `next`). Apart from the password forms on purpose: a passkey
 * is a login of its own.
 */
export function PasskeySignInButton({ action, label = "Sign in with a passkey", fields }: { action: FormAction; label?: string; fields: Record<string, string> }) {
  return <PasskeyButton kind="authenticate" id="passkey-sign-in" label={label} action={action} fields={fields} />;
}
