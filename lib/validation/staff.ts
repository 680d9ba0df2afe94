// Staff accounts: the admin form (browser and server action) and the API bodies share
// these fields, so a rule such as "roles are lower-case names" exists once.
import { z } from "zod";
import { checkNewPassword } from "./auth.ts";
import { checkboxSchema, emailSchema, personNameSchema, usernameSchema } from "./fields.ts";
import { isPositiveId } from "./ids.ts";

export const roleNameSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "Unknown role.");

/** A select posts "" for "none"; JSON sends null or a number. */
export const subjectGroupIdSchema = z
  .union([z.number(), z.string().trim(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    const id = typeof value === "number" ? value : Number(value);
    if (!isPositiveId(id)) {
      ctx.addIssue({ code: "custom", message: "Choose a subject group from the list." });
      return z.NEVER;
    }
    return id;
  });

/** A username, or blank ("" or null) for none. */
const usernameOrNoneSchema = z.union([z.literal(""), z.null(), usernameSchema]);

/** Optional username: blank means none. */
export const optionalUsernameSchema = usernameOrNoneSchema.optional().transform((value) => (value ? value : null));

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

/**
 * PATCH /api/v1/staff/{id}: any subset of the form's fields, as JSON sends them (a number or
 * null for the group, an array of roles, a boolean); `password` sets a new one.
 */
export const staffUpdateBodySchema = z
  .strictObject({
    email: staffFields.email,
    firstName: staffFields.firstName,
    lastName: staffFields.lastName,
    username: usernameOrNoneSchema,
    subjectGroupId: z.number().refine(isPositiveId, "Choose a subject group that exists.").nullable(),
    roles: rolesSchema,
    active: z.boolean(),
    password: z.string(),
  })
  .partial()
  .superRefine((value, ctx) => {
    if (value.password !== undefined) {
      checkNewPassword(ctx, value.password, value.password, { password: "password", confirm: "password" }, value);
    }
  });
export type StaffUpdateBody = z.output<typeof staffUpdateBodySchema>;
