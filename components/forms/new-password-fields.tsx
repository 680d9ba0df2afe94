import type { UseFormRegisterReturn } from "react-hook-form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/fields";
import { TextField } from "./text-field";

export const NEW_PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password.`;

type Field = { name: string; label: string };
type Bound = { name: string; registration: UseFormRegisterReturn; error?: string };

/** The names a password change uses (the account's change form and the reset link's). */
export const CHANGED_PASSWORD: { password: Field; confirm: Field } = {
  password: { name: "newPassword", label: "New password" },
  confirm: { name: "confirmPassword", label: "Confirm new password" },
};

/** A new password typed twice, as the sign-up, change-password and staff forms ask for it. */
export function NewPasswordFields({
  password = { name: "password", label: "Password" },
  confirm = { name: "confirmPassword", label: "Confirm password" },
  required = true,
  hint = NEW_PASSWORD_HINT,
  field,
}: {
  password?: Field;
  confirm?: Field;
  required?: boolean;
  hint?: string;
  /** The form's fieldProps (useActionForm): what each field takes from the form. */
  field: (name: never) => Bound;
}) {
  return (
    <>
      {[
        { ...password, hint },
        { ...confirm, hint: undefined },
      ].map((one) => (
        <TextField
          key={one.name}
          label={one.label}
          type="password"
          autoComplete="new-password"
          required={required}
          hint={one.hint}
          {...field(one.name as never)}
        />
      ))}
    </>
  );
}
