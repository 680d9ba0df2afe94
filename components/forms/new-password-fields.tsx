import type { UseFormRegisterReturn } from "react-hook-form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/fields";
import { TextField } from "./text-field";

export const NEW_PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`;

type Field = { name: string; label: string };

/** A new password typed twice, as the sign-up, change-password and staff forms ask for it. */
export function NewPasswordFields({
  password = { name: "password", label: "Password" },
  confirm = { name: "confirmPassword", label: "Confirm password" },
  required = true,
  hint = NEW_PASSWORD_HINT,
  register,
  errorFor,
}: {
  password?: Field;
  confirm?: Field;
  required?: boolean;
  hint?: string;
  register: (name: string) => UseFormRegisterReturn;
  errorFor: (name: string) => string | undefined;
}) {
  return (
    <>
      {[
        { ...password, hint },
        { ...confirm, hint: undefined },
      ].map((field) => (
        <TextField
          key={field.name}
          label={field.label}
          name={field.name}
          type="password"
          autoComplete="new-password"
          required={required}
          hint={field.hint}
          registration={register(field.name)}
          error={errorFor(field.name)}
        />
      ))}
    </>
  );
}
