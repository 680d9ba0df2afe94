import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError } from "./field-parts";

type Props = {
  legend: string;
  name: string;
  options: readonly { value: string; label: string; hint?: string }[];
  /** The values ticked when the page is first drawn (also without JavaScript). */
  checked: readonly string[];
  registration?: UseFormRegisterReturn;
  error?: string;
};

/**
 * Several checkboxes posting the same name (a list), grouped under a legend. The group's
 * error is tied to the fieldset, so that it is read with the group's name.
 */
export function CheckboxGroup({ legend, name, options, checked, registration, error }: Props) {
  const id = `field-${name}`;
  return (
    <fieldset className="field" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div className="checkbox-row" key={option.value}>
            <input
              id={optionId}
              name={name}
              type="checkbox"
              value={option.value}
              defaultChecked={checked.includes(option.value)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              {...registration}
            />
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint ? (
              <span className="hint" id={`${optionId}-hint`}>
                {option.hint}
              </span>
            ) : null}
          </div>
        );
      })}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
