// The wrapper every form's server action is made with, so that none can forget a step:
// find the caller (and check their role), read only the form's fields, validate with the
// form's zod schema, run, and turn the domain's errors into messages next to the fields.
import "server-only";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import type { z } from "zod";
import { requireRole, requireSession, type CurrentSession } from "../auth/dal.ts";
import { DomainError, ForbiddenError } from "../errors.ts";
import { clientIpFrom } from "../http/client-ip.ts";
import { fieldErrors } from "../validation/fields.ts";
import { CHECK_FIELDS, type FormState } from "./form-state.ts";
import { readForm } from "./form-data.ts";

export type ActionContext = CurrentSession & { ip: string };

type FormFields = { text?: readonly string[]; lists?: readonly string[]; secret?: readonly string[] };

export function formAction<Schema extends z.ZodType>(options: {
  fields: FormFields;
  schema: Schema | ((context: ActionContext) => Schema);
  role?: string;
  run: (data: z.output<Schema>, context: ActionContext) => Promise<FormState | void>;
}): (previous: FormState, formData: FormData) => Promise<FormState> {
  return async (_previous, formData) => {
    const session = options.role ? await sessionWithRole(options.role) : await requireSession();
    const context: ActionContext = { ...session, ip: clientIpFrom(await headers()) };
    const { input, echo } = readForm(formData, options.fields);
    const schema = typeof options.schema === "function" ? options.schema(context) : options.schema;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { status: "error", message: CHECK_FIELDS, errors: fieldErrors(parsed.error), values: echo };
    try {
      return (await options.run(parsed.data, context)) ?? { status: "success" };
    } catch (error) {
      return formStateFromError(error, echo);
    }
  };
}

async function sessionWithRole(role: string): Promise<CurrentSession> {
  await requireRole(role);
  return requireSession();
}

/** Domain errors become messages; anything else (including Next's redirects) goes on up. */
export function formStateFromError(error: unknown, values?: FormState["values"]): FormState {
  if (error instanceof ForbiddenError) forbidden();
  if (!(error instanceof DomainError)) throw error;
  return { status: "error", message: error.fields ? CHECK_FIELDS : error.message, errors: error.fields, values };
}
