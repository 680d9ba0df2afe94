"use client";
import { useEffect } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validation/auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/fields";

const schema = changePasswordSchema();

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const { form, state, pending, errorFor, formProps } = useActionForm<ChangePasswordInput>(schema, action, {
    currentPassword: "",
    newPassword: "",
    confirmPassword: "",
  });
  const { reset } = form;
  useEffect(() => {
    if (state.status === "success") reset();
  }, [state, reset]);

  return (
    <form {...formProps} className="stack">
      <FormMessage state={state} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        registration={form.register("currentPassword")}
        error={errorFor("currentPassword")}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`}
        registration={form.register("newPassword")}
        error={errorFor("newPassword")}
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        registration={form.register("confirmPassword")}
        error={errorFor("confirmPassword")}
      />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
