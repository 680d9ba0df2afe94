// Staff accounts: the admin form (browser and server action) and the API bodies share
// these fields, so a rule such as "roles are lower-case names" exists once.
import { z } from "zod";
import { checkNewPassword } from "./auth.ts";
import { checkboxSchema, emailSchema, personNameSchema, usernameSchema } from "./fields.ts";
import { isPositiveId } from "./ids.ts";
import { subjectGroupSchema } from "./subject-groups.ts";

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

/**
 * The admin form. A password is optional: blank on create invites the person to choose their
 * own (by mail); blank on edit keeps the old one. One that is typed must pass the rules.
 */
export function staffFormSchema(_mode: StaffFormMode) {
  return z
    .object({
      ...staffFields,
      active: checkboxSchema,
      password: z.string().optional().default(""),
      confirmPassword: z.string().optional().default(""),
    })
    .superRefine((value, ctx) => {
      if (value.password === "" && value.confirmPassword === "") return;
      checkNewPassword(ctx, value.password, value.confirmPassword, { password: "password", confirm: "confirmPassword" }, value);
    })
    .transform(({ confirmPassword: _confirm, password, ...rest }) => ({ ...rest, password: password === "" ? null : password }));
}
export type StaffFormInput = z.input<ReturnType<typeof staffFormSchema>>;
export type StaffFormValues = z.output<ReturnType<typeof staffFormSchema>>;

/**
 * POST /api/v1/staff: the user fields plus `password`; unknown fields are refused. Without a
 * password (absent or null) the person is invited by mail to choose their own.
 */
export const staffCreateBodySchema = z
  .strictObject({
    ...staffFields,
    active: z.boolean().optional().default(true),
    password: z.string().nullable().optional().transform((password) => password ?? null),
  })
  .superRefine((value, ctx) => {
    if (value.password !== null) checkNewPassword(ctx, value.password, value.password, { password: "password", confirm: "password" }, value);
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

/** A CSV cell: blank means "not given" (kept as it is on update, the default on create). */
const csvCell = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const CSV_ACTIVE: Record<string, boolean> = { true: true, yes: true, y: true, "1": true, false: false, no: false, n: false, "0": false };

/**
 * One row of the staff CSV import (/admin/staff/import, `npm run staff -- import`): the staff
 * form's own field rules, under the file's column names. Roles are one cell separated by ";".
 */
export const staffCsvRowSchema = z.object({
  email: staffFields.email,
  first_name: csvCell(staffFields.firstName),
  last_name: csvCell(staffFields.lastName),
  username: csvCell(usernameSchema),
  subject_group: csvCell(subjectGroupSchema.shape.name),
  roles: csvCell(
    z
      .string()
      .transform((cell) => [...new Set(cell.split(";").map((role) => role.trim().toLowerCase()).filter(Boolean))])
      .pipe(rolesSchema),
  ),
  active: csvCell(
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((word) => Object.hasOwn(CSV_ACTIVE, word), "Use true or false.")
      .transform((word) => CSV_ACTIVE[word]!),
  ),
});
export type StaffCsvRow = z.output<typeof staffCsvRowSchema>;
