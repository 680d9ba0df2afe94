import { describe, expect, it } from "vitest";
import { changePasswordSchema, loginSchema, signupBodySchema, signupSchema } from "./auth.ts";
import { fieldErrors } from "./fields.ts";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

describe("loginSchema", () => {
  it("normalises the email and reads the Remember me checkbox", () => {
    expect(loginSchema.parse({ email: " Jo@School.ORG", password: "anything", remember: "on" })).toEqual({
      email: "jo@school.org",
      password: "anything",
      remember: true,
    });
  });

  it("leaves Remember me off when the checkbox is not posted", () => {
    expect(loginSchema.parse({ email: "jo@school.org", password: "x" }).remember).toBe(false);
  });

  it("does not apply the new-password policy to a password being checked", () => {
    expect(loginSchema.safeParse({ email: "jo@school.org", password: "123" }).success).toBe(true);
  });

  it("reports a missing email and a missing password together", () => {
    expect(errorsOf(loginSchema.safeParse({ email: "", password: "" }))).toEqual({
      email: ["Enter an email address."],
      password: ["Enter your password."],
    });
  });
});

describe("changePasswordSchema", () => {
  it("accepts a good new password typed twice", () => {
    const input = { currentPassword: "old-secret", newPassword: "violet-harbour-91", confirmPassword: "violet-harbour-91" };
    expect(changePasswordSchema().parse(input)).toEqual(input);
  });

  it("shows every error at once: a short new password and a mismatched confirmation", () => {
    const errors = errorsOf(changePasswordSchema().safeParse({ currentPassword: "old-secret", newPassword: "Qz7!v", confirmPassword: "Qz7!w" }));
    expect(errors).toEqual({
      newPassword: ["Use at least 8 characters."],
      confirmPassword: ["The passwords do not match."],
    });
  });

  it("still checks the new password when the current one is missing", () => {
    const errors = errorsOf(changePasswordSchema().safeParse({ currentPassword: "", newPassword: "Qz7!v", confirmPassword: "" }));
    expect(errors).toEqual({
      currentPassword: ["Enter your password."],
      newPassword: ["Use at least 8 characters."],
      confirmPassword: ["Enter the password again."],
    });
  });

  it("refuses a new password equal to the current one", () => {
    const errors = errorsOf(changePasswordSchema().safeParse({ currentPassword: "violet-harbour-91", newPassword: "violet-harbour-91", confirmPassword: "violet-harbour-91" }));
    expect(errors).toEqual({ newPassword: ["Choose a password different from your current one."] });
  });

  it("refuses the person's own email or username when the server passes them", () => {
    const schema = changePasswordSchema({ email: "jo.bloggs@school.org", username: "jbloggs" });
    const errors = errorsOf(schema.safeParse({ currentPassword: "old-secret", newPassword: "Jo.Bloggs", confirmPassword: "Jo.Bloggs" }));
    expect(errors).toEqual({ newPassword: ["Do not use your email address or username as your password."] });
  });
});

const signup = {
  email: "Ada@School.org",
  firstName: " Ada ",
  lastName: "Lovelace",
  username: "ada1815",
  password: "analytical-engine-1843",
  confirmPassword: "analytical-engine-1843",
};

describe("signupSchema", () => {
  it("normalises the fields", () => {
    expect(signupSchema.parse(signup)).toMatchObject({ email: "ada@school.org", firstName: "Ada", username: "ada1815" });
  });

  it("requires the password to be typed twice", () => {
    expect(errorsOf(signupSchema.safeParse({ ...signup, confirmPassword: "" }))).toEqual({ confirmPassword: ["Enter the password again."] });
    expect(errorsOf(signupSchema.safeParse({ ...signup, confirmPassword: "analytical-engine-1844" }))).toEqual({
      confirmPassword: ["The passwords do not match."],
    });
  });

  it("requires a username", () => {
    expect(errorsOf(signupSchema.safeParse({ ...signup, username: "" }))).toHaveProperty("username");
  });

  it("refuses a password equal to the username being chosen", () => {
    const errors = errorsOf(signupSchema.safeParse({ ...signup, username: "Analytical1843", password: "analytical1843", confirmPassword: "analytical1843" }));
    expect(errors).toEqual({ password: ["Do not use your email address or username as your password."] });
  });

  it("reports every invalid field at once", () => {
    const errors = errorsOf(signupSchema.safeParse({ email: "nope", firstName: "", lastName: "", username: "a", password: "short", confirmPassword: "other" }));
    expect(Object.keys(errors).sort()).toEqual(["confirmPassword", "email", "firstName", "lastName", "password", "username"]);
  });
});

describe("signupBodySchema", () => {
  const { confirmPassword: _confirm, ...body } = signup;

  it("does not need the confirmation: a script sends the password once", () => {
    expect(signupBodySchema.parse(body)).toMatchObject({ email: "ada@school.org", password: "analytical-engine-1843" });
  });

  it("still refuses a confirmation that does not match when one is sent", () => {
    expect(errorsOf(signupBodySchema.safeParse({ ...body, confirmPassword: "something-else-1" }))).toEqual({
      confirmPassword: ["The passwords do not match."],
    });
  });

  it("refuses unknown fields by name", () => {
    expect(errorsOf(signupBodySchema.safeParse({ ...body, roles: ["admin"] }))).toEqual({ roles: ["Unknown field."] });
  });

  it("applies the password policy", () => {
    expect(errorsOf(signupBodySchema.safeParse({ ...body, password: "password" }))).toEqual({
      password: ["This password is too common. Choose one that is harder to guess."],
    });
  });
});
