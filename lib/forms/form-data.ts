// Reading a posted form: only the fields a form has (Next.js adds its own $ACTION_* fields),
// checkbox groups as arrays, and the echo of what was typed, minus secrets.
//
// `formData` is whatever the caller sent: a page's script calls a server action with
// arguments it encodes itself, so a tampered call can pass anything. Anything but a form
// reads as an empty one, which the form's schema then refuses like any missing field.
export function readForm(
  formData: FormData | unknown,
  fields: { text?: readonly string[]; lists?: readonly string[]; secret?: readonly string[] },
): { input: Record<string, string | string[]>; echo: Record<string, string | string[]> } {
  const form = formData instanceof FormData ? formData : new FormData();
  const input: Record<string, string | string[]> = {};
  const echo: Record<string, string | string[]> = {};
  for (const name of [...(fields.text ?? []), ...(fields.secret ?? [])]) {
    const value = form.get(name);
    if (typeof value === "string") input[name] = value;
  }
  for (const name of fields.lists ?? []) {
    input[name] = form.getAll(name).filter((value): value is string => typeof value === "string");
  }
  for (const [name, value] of Object.entries(input)) {
    if (!fields.secret?.includes(name)) echo[name] = value;
  }
  return { input, echo };
}
