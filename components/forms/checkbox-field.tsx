import type { InputHTMLAttributes } from "react";
import { controlAria, FieldError, FieldHint, type FieldProps } from "./field-parts";

type Props = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">;

/** One labelled checkbox, with its hint and error tied to it. */
export function CheckboxField({ label, name, registration, error, hint, id = `field-${name}`, ...input }: Props) {
  return (
    <div className="field">
      <div className="checkbox-row">
        <input id={id} name={name} type="checkbox" {...controlAria(id, { hint, error })} {...input} {...registration} />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
