import { z } from "zod";
import {
  checkboxSchema,
  currentPasswordSchema,
  emailSchema,
  newPasswordSchema,
  personNameSchema,
  usernameSchema,
  type PasswordContext,
} from "./fields.ts";

export const loginSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
  remember: checkboxSchema,
});
export type LoginInput = z.input<typeof loginSchema>;

/**
 * Rules that compare fields run in superRefine on plain string fields, so that every error
 * shows at once (a too-short password *and* a mismatched confirmation).
 */
function checkNewPassword(
  ctx: z.RefinementCtx,
  password: string,
  confirmation: string,
  fields: { password: string; confirm: string },
  context: PasswordContext,
) {
  for (const issue of newPasswordSchema(context).safeParse(password).error?.issues ?? []) {
    ctx.addIssue({ code: "custom", path: [fields.password], message: issue.message });
  }
  if (confirmation === "") {
    ctx.addIssue({ code: "custom", path: [fields.confirm], message: "Enter the password again." });
  } else if (password !== confirmation) {
    ctx.addIssue({ code: "custom", path: [fields.confirm], message: "The passwords do not match." });
  }
}

/** The server passes the person's email and username so that the password can't be either. */
export function changePasswordSchema(context: PasswordContext = {}) {
  return z
    .object({ currentPassword: currentPasswordSchema, newPassword: z.string(), confirmPassword: z.string() })
    .superRefine((value, ctx) => {
      checkNewPassword(ctx, value.newPassword, value.confirmPassword, { password: "newPassword", confirm: "confirmPassword" }, context);
      if (value.newPassword !== "" && value.currentPassword === value.newPassword) {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from your current one." });
      }
    });
}
export type ChangePasswordInput = z.input<ReturnType<typeof changePasswordSchema>>;

const signupFields = {
  email: emailSchema,
  firstName: personNameSchema("First name"),
  lastName: personNameSchema("Last name"),
  username: usernameSchema,
  password: z.string(),
};

/** The /signup page (seed 001): the person chooses a username and a password, typed twice. */
export const signupSchema = z
  .object({ ...signupFields, confirmPassword: z.string() })
  .superRefine((value, ctx) =>
    checkNewPassword(ctx, value.password, value.confirmPassword, { password: "password", confirm: "confirmPassword" }, value),
  );
export type SignupInput = z.input<typeof signupSchema>;

/** POST /api/v1/signup: the same fields; a script need not repeat the password. */
export const signupBodySchema = z
  .strictObject({ ...signupFields, confirmPassword: z.string().optional() })
  .superRefine((value, ctx) =>
    checkNewPassword(ctx, value.password, value.confirmPassword ?? value.password, { password: "password", confirm: "confirmPassword" }, value),
  );

export { checkNewPassword };

/** /account/confirm: the password again (issue 13 adds the second factor). */
export const confirmIdentitySchema = z.object({ password: currentPasswordSchema, next: z.string().optional() });
export type ConfirmIdentityInput = z.input<typeof confirmIdentitySchema>;

/** /forgot-password: just the email. */
export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** /reset-password: the link's secret (a hidden field) and the new password, twice. */
export function resetPasswordSchema(context: PasswordContext = {}) {
  return z
    .object({ token: z.string().max(200), newPassword: z.string(), confirmPassword: z.string() })
    .superRefine((value, ctx) =>
      checkNewPassword(ctx, value.newPassword, value.confirmPassword, { password: "newPassword", confirm: "confirmPassword" }, context),
    );
}
export type ResetPasswordInput = z.input<ReturnType<typeof resetPasswordSchema>>;
