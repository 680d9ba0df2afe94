"use client";
import { useEffect } from "react";
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
  const { form, state, pending, errorFor, formProps } = useActionForm<ConfirmWithCodeInput>(confirmWithCodeSchema, action, { code: "", next });
  // A refused code is cleared, as it is without JavaScript, ready for the next one.
  const { setValue, setFocus } = form;
  useEffect(() => {
    if (state.status === "error") {
      setValue("code", "");
      setFocus("code");
    }
  }, [state, setValue, setFocus]);

  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      {next !== undefined ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        label="Code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        hint={hint}
        registration={form.register("code")}
        error={errorFor("code")}
      />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
