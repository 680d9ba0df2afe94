// Reading a posted form: only the fields a form has (Next.js adds its own $ACTION_* fields),
// checkbox groups as arrays, and the echo of what was typed, minus secrets.
export function readForm(
  formData: FormData,
  fields: { text?: readonly string[]; lists?: readonly string[]; secret?: readonly string[] },
): { input: Record<string, string | string[]>; echo: Record<string, string | string[]> } {
  const input: Record<string, string | string[]> = {};
  const echo: Record<string, string | string[]> = {};
  for (const name of [...(fields.text ?? []), ...(fields.secret ?? [])]) {
    const value = formData.get(name);
    if (typeof value === "string") input[name] = value;
  }
  for (const name of fields.lists ?? []) {
    input[name] = formData.getAll(name).filter((value): value is string => typeof value === "string");
  }
  for (const [name, value] of Object.entries(input)) {
    if (!fields.secret?.includes(name)) echo[name] = value;
  }
  return { input, echo };
}
