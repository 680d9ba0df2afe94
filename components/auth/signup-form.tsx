"use client";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { signupSchema, type SignupInput } from "@/lib/validation/auth";

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
      <NewPasswordFields register={(name) => form.register(name as keyof SignupInput)} errorFor={errorFor} />
      <SubmitButton pending={pending}>Sign up</SubmitButton>
    </form>
  );
}
