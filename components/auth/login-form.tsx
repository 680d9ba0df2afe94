"use client";
import { CurrentPasswordField, EmailField } from "@/components/forms/account-fields";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { loginSchema, type LoginInput } from "@/lib/validation/auth";

export function LoginForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const { form, state, pending, values, fieldProps, textFieldProps, formProps } = useActionForm<LoginInput>(
    loginSchema,
    action,
    { email: "", password: "" },
    { clearOnError: ["password"] },
  );
  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <EmailField {...textFieldProps("email")} />
      <CurrentPasswordField {...fieldProps("password")} />
      <div className="field checkbox">
        <input id="field-remember" type="checkbox" {...form.register("remember")} defaultChecked={values.remember === "on"} />
        <label htmlFor="field-remember">Remember me</label>
      </div>
      <SubmitButton pending={pending}>Log in</SubmitButton>
    </form>
  );
}
