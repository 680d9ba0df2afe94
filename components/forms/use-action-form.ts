"use client";
// One form behaviour for the whole app: react-hook-form validates with the form's zod
// schema as the person types and on submit; the server action validates again with the
// same schema. Without JavaScript the <form> posts straight to the action, and the page
// comes back with the server's messages and what was typed.
import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { IDLE, type FormState } from "@/lib/forms/form-state";

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

type Options<Values extends FieldValues> = {
  /**
   * Fields emptied after the server refuses the form (a password, a code), as they come
   * back empty without JavaScript.
   */
  clearOnError?: Path<Values>[];
  /** The first of them then gets the focus, ready for another try. */
  focusCleared?: boolean;
  /** Everything is emptied after the server accepts the form (a password change). */
  resetOnSuccess?: boolean;
};

export function useActionForm<Values extends FieldValues>(
  schema: z.ZodType<unknown, Values>,
  action: FormAction,
  defaultValues: Partial<Values>,
  { clearOnError = [], focusCleared = false, resetOnSuccess = false }: Options<Values> = {},
) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const values = { ...defaultValues, ...(state.values as Partial<Values> | undefined) };
  const form = useForm<Values>({
    resolver: zodResolver(schema as never) as unknown as Resolver<Values>,
    defaultValues: values as never,
    mode: "onTouched",
  });

  const clearedFields = clearOnError.join("\n");
  const { setValue, setFocus, reset } = form;
  useEffect(() => {
    if (state.status === "success" && resetOnSuccess) reset();
    if (state.status !== "error" || clearedFields === "") return;
    const names = clearedFields.split("\n") as Path<Values>[];
    for (const name of names) setValue(name, "" as never);
    if (focusCleared) setFocus(names[0]!);
  }, [state, clearedFields, focusCleared, resetOnSuccess, setValue, setFocus, reset]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void form.handleSubmit(() => {
      const data = new FormData(formRef.current!);
      startTransition(() => formAction(data));
    })(event);
  };

  /** The message to show under a field: the browser's check first, then the server's. */
  const errorFor = (name: string): string | undefined => {
    const clientError = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
    return clientError ?? state.errors?.[name]?.[0];
  };

  /** What a field takes from its form: its name, its registration and its message. */
  const fieldProps = (name: Path<Values>) => ({ name, registration: form.register(name), error: errorFor(name) });
  /** The same for a text field, which also shows what was typed (or the starting value). */
  const textFieldProps = (name: Path<Values>) => ({ ...fieldProps(name), defaultValue: String(values[name] ?? "") });

  return {
    form,
    state,
    pending,
    values,
    errorFor,
    fieldProps,
    textFieldProps,
    formProps: { ref: formRef, action: formAction, onSubmit, noValidate: true },
  };
}
