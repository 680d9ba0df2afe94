import type { InputHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError } from "./text-field";

type Props = {
  label: string;
  name: string;
  registration?: UseFormRegisterReturn;
  error?: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type">;

/** One labelled checkbox, with its hint and error tied to it. */
export function CheckboxField({ label, name, registration, error, hint, id = `field-${name}`, ...input }: Props) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <div className="checkbox-row">
        <input id={id} name={name} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={described} {...input} {...registration} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
