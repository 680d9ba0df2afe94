"use client";
import { FieldError } from "@/components/forms/field-parts";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { POLICY_LABELS, settingsFormSchema, TWO_FACTOR_POLICIES, type SettingsInput, type TwoFactorPolicy } from "@/lib/validation/settings";

const HINTS: Record<TwoFactorPolicy, string> = {
  nobody: "Everyone may choose for themselves.",
  admins: "Administrators without it are sent to set it up after logging in.",
  everyone: "Everyone without it is sent to set it up after logging in.",
};

export function SettingsForm({ action, current }: { action: FormAction; current: TwoFactorPolicy }) {
  const { form, state, pending, values, errorFor, formProps } = useActionForm<SettingsInput>(settingsFormSchema, action, { twoFactorPolicy: current });
  const chosen = String(values.twoFactorPolicy ?? current);
  const error = errorFor("twoFactorPolicy");
  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <fieldset className="field" id="field-twoFactorPolicy" aria-describedby={error ? "field-twoFactorPolicy-error" : undefined}>
        <legend>Require two-factor authentication for</legend>
        {TWO_FACTOR_POLICIES.map((policy) => (
          <div className="checkbox-row" key={policy}>
            <input
              id={`policy-${policy}`}
              type="radio"
              value={policy}
              defaultChecked={chosen === policy}
              aria-describedby={`policy-${policy}-hint`}
              {...form.register("twoFactorPolicy")}
            />
            <label htmlFor={`policy-${policy}`}>{POLICY_LABELS[policy]}</label>
            <span className="hint" id={`policy-${policy}-hint`}>
              {HINTS[policy]}
            </span>
          </div>
        ))}
        <FieldError id="field-twoFactorPolicy-error" message={error} />
      </fieldset>
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}
