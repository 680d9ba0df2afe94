"use client";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { signupSchema, type SignupInput } from "@/lib/validation/auth";

export function SignupForm({ action }: { action: FormAction }) {
  const { state, pending, fieldProps, textFieldProps, formProps } = useActionForm<SignupInput>(signupSchema, action, {
    email: "",
    firstName: "",
    lastName: "",
    username: "",
    password: "",
    confirmPassword: "",
  });
  return (
    <form {...formProps} className="stack">
      <FormMessage state={state} />
      <TextField label="Email" type="email" autoComplete="email" required {...textFieldProps("email")} />
      <TextField label="First name" autoComplete="given-name" required {...textFieldProps("firstName")} />
      <TextField label="Last name" autoComplete="family-name" required {...textFieldProps("lastName")} />
      <TextField label="Username" autoComplete="username" required hint="3 to 32 letters and digits." {...textFieldProps("username")} />
      <NewPasswordFields field={fieldProps} />
      <SubmitButton pending={pending}>Sign up</SubmitButton>
    </form>
  );
}
