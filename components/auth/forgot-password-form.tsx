"use client";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { forgotPasswordSchema, type ForgotPasswordInput } from "@/lib/validation/auth";

export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const { form, state, pending, values, errorFor, formProps } = useActionForm<ForgotPasswordInput>(forgotPasswordSchema, action, { email: "" });
  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={String(values.email ?? "")}
        registration={form.register("email")}
        error={errorFor("email")}
      />
      <SubmitButton pending={pending}>Send reset link</SubmitButton>
    </form>
  );
}
