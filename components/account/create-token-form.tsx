"use client";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { tokenFormSchema } from "@/lib/validation/tokens";

export function CreateTokenForm({ action }: { action: FormAction }) {
  const { state, pending, textFieldProps, formProps } = useActionForm<{ name: string }>(tokenFormSchema, action, { name: "" });
  return (
    <form {...formProps} className="stack">
      <FormMessage state={state} />
      {state.result?.token ? (
        <div className="new-token">
          <label htmlFor="new-token">Your new token</label>
          <input id="new-token" readOnly value={state.result.token} className="token-secret" />
          <p className="hint">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>. It expires on {new Date(state.result.expiresAt ?? "").toUTCString()}.
          </p>
        </div>
      ) : null}
      <TextField
        label="Name"
        hint="What will use it, e.g. “timetable import script”."
        {...textFieldProps("name")}
      />
      <SubmitButton pending={pending} className="button">
        Create token
      </SubmitButton>
    </form>
  );
}
