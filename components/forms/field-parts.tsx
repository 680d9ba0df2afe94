import type { UseFormRegisterReturn } from "react-hook-form";

/** What every single-control field takes besides its control's own attributes. */
export type FieldProps = {
  label: string;
  name: string;
  registration?: UseFormRegisterReturn;
  error?: string;
  hint?: string;
};

/** Ties a control to its hint and error, so that screen readers read them with it. */
export function controlAria(id: string, { hint, error }: Pick<FieldProps, "hint" | "error">) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { "aria-invalid": error ? true : undefined, "aria-describedby": described };
}

export function FieldHint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  // Always rendered, so that the live region exists before the message arrives.
  return (
    <p className="field-error" id={id} aria-live="polite">
      {message}
    </p>
  );
}
