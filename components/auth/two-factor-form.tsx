"use client";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { confirmWithCodeSchema, type ConfirmWithCodeInput } from "@/lib/validation/two-factor";

/**
 * A Code field and one button: the login's second step, turning two-factor on, and
 * "Confirm it's you" for someone with two-factor (`next`: where that goes back to).
 */
export function TwoFactorCodeForm({ action, submitLabel, hint, next }: { action: FormAction; submitLabel: string; hint: string; next?: string }) {
  const { state, pending, fieldProps, formProps } = useActionForm<ConfirmWithCodeInput>(
    confirmWithCodeSchema,
    action,
    { code: "", next },
    { clearOnError: ["code"], focusCleared: true },
  );

  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      {next !== undefined ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        label="Code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        hint={hint}
        {...fieldProps("code")}
      />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
