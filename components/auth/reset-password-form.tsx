"use client";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { CHANGED_PASSWORD, NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { resetPasswordSchema, type ResetPasswordInput } from "@/lib/validation/auth";

const schema = resetPasswordSchema();
const LINK_UNUSABLE = "This link has expired or has already been used.";

export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const { state, pending, fieldProps, formProps } = useActionForm<ResetPasswordInput>(schema, action, { token, newPassword: "", confirmPassword: "" });
  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      {state.status === "error" && state.message === LINK_UNUSABLE ? (
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields {...CHANGED_PASSWORD} field={fieldProps} />
      <SubmitButton pending={pending}>Set password</SubmitButton>
    </form>
  );
}
