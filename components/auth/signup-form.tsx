"use client";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { signupSchema, type SignupInput } from "@/lib/validation/auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/fields";

export function SignupForm({ action }: { action: FormAction }) {
  const { form, state, pending, values, errorFor, formProps } = useActionForm<SignupInput>(signupSchema, action, {
    email: "",
    firstName: "",
    lastName: "",
    username: "",
    password: "",
    confirmPassword: "",
  });
  const text = (name: "email" | "firstName" | "lastName" | "username") => ({
    name,
    defaultValue: String(values[name] ?? ""),
    registration: form.register(name),
    error: errorFor(name),
  });
  return (
    <form {...formProps} className="stack">
      <FormMessage state={state} />
      <TextField label="Email" type="email" autoComplete="email" required {...text("email")} />
      <TextField label="First name" autoComplete="given-name" required {...text("firstName")} />
      <TextField label="Last name" autoComplete="family-name" required {...text("lastName")} />
      <TextField label="Username" autoComplete="username" required hint="3 to 32 letters and digits." {...text("username")} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`}
        registration={form.register("password")}
        error={errorFor("password")}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        registration={form.register("confirmPassword")}
        error={errorFor("confirmPassword")}
      />
      <SubmitButton pending={pending}>Sign up</SubmitButton>
    </form>
  );
}
