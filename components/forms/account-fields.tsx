import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "./text-field";

type Bound = { name: string; registration: UseFormRegisterReturn; error?: string; defaultValue?: string };

/** The sign-in email, as login and "forgot password" ask for it (password managers fill it). */
export function EmailField(props: Bound) {
  return <TextField label="Email" type="email" autoComplete="username" required {...props} />;
}

/** The password someone has now: login, "confirm it's you", changing it. Never shown again after a refusal. */
export function CurrentPasswordField({ label = "Password", autoFocus, ...props }: Omit<Bound, "defaultValue"> & { label?: string; autoFocus?: boolean }) {
  return <TextField label={label} type="password" autoComplete="current-password" required autoFocus={autoFocus} {...props} />;
}
