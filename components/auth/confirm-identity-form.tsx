"use client";
import { useEffect } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { confirmIdentitySchema, type ConfirmIdentityInput } from "@/lib/validation/auth";

export function ConfirmIdentityForm({ action, next }: { action: FormAction; next: string }) {
  const { form, state, pending, errorFor, formProps } = useActionForm<ConfirmIdentityInput>(confirmIdentitySchema, action, { password: "", next });
  const { setValue } = form;
  useEffect(() => {
    if (state.status === "error") setValue("password", "");
  }, [state, setValue]);

  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        registration={form.register("password")}
        error={errorFor("password")}
      />
      <SubmitButton pending={pending}>Confirm</SubmitButton>
    </form>
  );
}
