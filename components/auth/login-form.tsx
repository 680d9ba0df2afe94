"use client";
import { useEffect } from "react";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { loginSchema, type LoginInput } from "@/lib/validation/auth";

export function LoginForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const { form, state, pending, values, errorFor, formProps } = useActionForm<LoginInput>(loginSchema, action, {
    email: "",
    password: "",
  });
  // After a failed attempt the password is cleared, as it is without JavaScript.
  const { setValue } = form;
  useEffect(() => {
    if (state.status === "error") setValue("password", "");
  }, [state, setValue]);

  return (
    <form {...formProps} className="stack" aria-describedby="form-message">
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        registration={form.register("password")}
        error={errorFor("password")}
      />
      <div className="field checkbox">
        <input id="field-remember" type="checkbox" {...form.register("remember")} defaultChecked={values.remember === "on"} />
        <label htmlFor="field-remember">Remember me</label>
      </div>
      <SubmitButton pending={pending}>Log in</SubmitButton>
    </form>
  );
}
