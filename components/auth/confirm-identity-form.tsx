"use client";
import { CurrentPasswordField } from "@/components/forms/account-fields";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { confirmIdentitySchema, type ConfirmIdentityInput } from "@/lib/validation/auth";

export function ConfirmIdentityForm({ action, next }: { action: FormAction; next: string }) {
  const { state, pending, fieldProps, formProps } = useActionForm<ConfirmIdentityInput>(
    confirmIdentitySchema,
    action,
    { password: "", next },
    { clearOnError: ["password"] },
  );
  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <CurrentPasswordField autoFocus {...fieldProps("password")} />
      <SubmitButton pending={pending}>Confirm</SubmitButton>
    </form>
  );
}
