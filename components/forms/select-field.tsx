import type { SelectHTMLAttributes } from "react";
import { controlAria, FieldError, FieldHint, type FieldProps } from "./field-parts";

type Props = FieldProps & {
  options: readonly { value: string; label: string }[];
  /** The first option, for "none" (value ""). */
  blankLabel?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">;

/** A labelled select whose error is tied to it (aria-describedby) and announced. */
export function SelectField({ label, name, options, blankLabel, registration, error, hint, id = `field-${name}`, ...select }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <select id={id} name={name} {...controlAria(id, { hint, error })} {...select} {...registration}>
        {blankLabel !== undefined ? <option value="">{blankLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
