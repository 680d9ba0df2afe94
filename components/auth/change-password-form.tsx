"use client";
import { CurrentPasswordField } from "@/components/forms/account-fields";
import { FormMessage } from "@/components/forms/form-message";
import { CHANGED_PASSWORD, NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validation/auth";

const schema = changePasswordSchema();

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const { state, pending, fieldProps, formProps } = useActionForm<ChangePasswordInput>(
    schema,
    action,
    { currentPassword: "", newPassword: "", confirmPassword: "" },
    { resetOnSuccess: true },
  );
  return (
    <form {...formProps} className="stack">
      <FormMessage state={state} />
      <CurrentPasswordField label="Current password" {...fieldProps("currentPassword")} />
      <NewPasswordFields {...CHANGED_PASSWORD} field={fieldProps} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
