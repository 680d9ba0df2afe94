// Staff accounts: the admin form (browser and server action) and the API bodies share
// these fields, so a rule such as "roles are lower-case names" exists once.
import { z } from "zod";
import { checkNewPassword } from "./auth.ts";
import { checkboxSchema, emailSchema, personNameSchema, usernameSchema } from "./fields.ts";

export const roleNameSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "Unknown role.");

/** A select posts "" for "none"; JSON sends null or a number. */
export const subjectGroupIdSchema = z
  .union([z.number(), z.string().trim(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    const id = typeof value === "number" ? value : Number(value);
    if (!Number.isSafeInteger(id) || id <= 0) {
      ctx.addIssue({ code: "custom", message: "Choose a subject group from the list." });
      return z.NEVER;
    }
    return id;
  });

/** Optional username: blank means none. */
export const optionalUsernameSchema = z
  .union([z.literal(""), z.null(), usernameSchema])
  .optional()
  .transform((value) => (value ? value : null));

const rolesSchema = z.array(roleNameSchema).max(20, "Too many roles.");

const staffFields = {
  email: emailSchema,
  firstName: personNameSchema("First name"),
  lastName: personNameSchema("Last name"),
  username: optionalUsernameSchema,
  subjectGroupId: subjectGroupIdSchema,
  roles: z.union([rolesSchema, roleNameSchema.transform((role) => [role])]).optional().transform((roles) => roles ?? []),
};

export type StaffFormMode = "create" | "edit";

/** The admin form. Password and confirmation are required on create; blank on edit keeps the old one. */
export function staffFormSchema(mode: StaffFormMode) {
  return z
    .object({
      ...staffFields,
      active: checkboxSchema,
      password: z.string().optional().default(""),
      confirmPassword: z.string().optional().default(""),
    })
    .superRefine((value, ctx) => {
      if (mode === "edit" && value.password === "" && value.confirmPassword === "") return;
      checkNewPassword(ctx, value.password, value.confirmPassword, { password: "password", confirm: "confirmPassword" }, value);
    })
    .transform(({ confirmPassword: _confirm, password, ...rest }) => ({ ...rest, password: password === "" ? null : password }));
}
export type StaffFormInput = z.input<ReturnType<typeof staffFormSchema>>;
export type StaffFormValues = z.output<ReturnType<typeof staffFormSchema>>;

/** POST /api/v1/staff: the user fields plus `password`; unknown fields are refused. */
export const staffCreateBodySchema = z
  .strictObject({
    ...staffFields,
    active: z.boolean().optional().default(true),
    password: z.string(),
  })
  .superRefine((value, ctx) => {
    checkNewPassword(ctx, value.password, value.password, { password: "password", confirm: "password" }, value);
  });

/** PATCH /api/v1/staff/{id}: any subset of the fields; `password` sets a new one. */
export const staffUpdateBodySchema = z
  .strictObject({
    email: staffFields.email.optional(),
    firstName: staffFields.firstName.optional(),
    lastName: staffFields.lastName.optional(),
    username: z.union([z.literal(""), z.null(), usernameSchema]).optional(),
    subjectGroupId: z.union([z.number(), z.null()]).optional(),
    roles: rolesSchema.optional(),
    active: z.boolean().optional(),
    password: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.subjectGroupId !== undefined && value.subjectGroupId !== null && (!Number.isSafeInteger(value.subjectGroupId) || value.subjectGroupId <= 0)) {
      ctx.addIssue({ code: "custom", path: ["subjectGroupId"], message: "Choose a subject group that exists." });
    }
    if (value.password !== undefined) {
      checkNewPassword(ctx, value.password, value.password, { password: "password", confirm: "password" }, value);
    }
  });
export type StaffUpdateBody = z.output<typeof staffUpdateBodySchema>;

/** ?q=&page=&pageSize= for the staff list, the subject group list and the audit log. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(100, "Search for at most 100 characters.").optional().default(""),
  page: z.coerce
    .number({ error: "Use a whole page number." })
    .int("Use a whole page number.")
    .min(1, "Pages start at 1.")
    .max(100_000, "There are not that many pages.")
    .optional()
    .default(1),
  pageSize: z.coerce
    .number({ error: "Use a whole number per page." })
    .int("Use a whole number per page.")
    .min(1, "Ask for at least 1 per page.")
    .max(100, "Ask for at most 100 per page.")
    .optional()
    .default(25),
});
export type ListQuery = z.output<typeof listQuerySchema>;
