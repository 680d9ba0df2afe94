"use client";
import { useEffect } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validation/auth";

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
      <NewPasswordFields
        password={{ name: "newPassword", label: "New password" }}
        confirm={{ name: "confirmPassword", label: "Confirm new password" }}
        register={(name) => form.register(name as keyof ChangePasswordInput)}
        errorFor={errorFor}
      />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
