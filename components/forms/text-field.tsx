import type { InputHTMLAttributes } from "react";
import { controlAria, FieldError, FieldHint, type FieldProps } from "./field-parts";

type Props = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input whose error is tied to it (aria-describedby) and announced. */
export function TextField({ label, name, registration, error, hint, id = `field-${name}`, ...input }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <input id={id} name={name} {...controlAria(id, { hint, error })} {...input} {...registration} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
