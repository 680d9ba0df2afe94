"use client";
import { EmailField } from "@/components/forms/account-fields";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { forgotPasswordSchema, type ForgotPasswordInput } from "@/lib/validation/auth";

export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const { state, pending, textFieldProps, formProps } = useActionForm<ForgotPasswordInput>(forgotPasswordSchema, action, { email: "" });
  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <EmailField {...textFieldProps("email")} />
      <SubmitButton pending={pending}>Send reset link</SubmitButton>
    </form>
  );
}
