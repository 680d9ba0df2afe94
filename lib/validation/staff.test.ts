import { describe, expect, it } from "vitest";
import { fieldErrors } from "./fields.ts";
import { staffCreateBodySchema, staffFormSchema, staffUpdateBodySchema, subjectGroupIdSchema } from "./staff.ts";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

const PASSWORD = "violet-harbour-91";
const form = {
  email: " Grace@School.org ",
  firstName: "Grace",
  lastName: "Hopper",
  username: "",
  subjectGroupId: "",
  roles: ["staff"],
  active: "on",
  password: PASSWORD,
  confirmPassword: PASSWORD,
};

describe("staffFormSchema", () => {
  it("turns the posted form into values: blank username and group become null, the checkbox a boolean", () => {
    expect(staffFormSchema("create").parse(form)).toEqual({
      email: "grace@school.org",
      firstName: "Grace",
      lastName: "Hopper",
      username: null,
      subjectGroupId: null,
      roles: ["staff"],
      active: true,
      password: PASSWORD,
    });
  });

  it("reads a subject group id posted as text, and a single role posted as a string", () => {
    expect(staffFormSchema("create").parse({ ...form, subjectGroupId: "7", roles: "admin" })).toMatchObject({ subjectGroupId: 7, roles: ["admin"] });
  });

  it("refuses a subject group id that is not a positive whole number", () => {
    for (const id of ["0", "-1", "1.5", "abc"]) {
      expect(errorsOf(staffFormSchema("create").safeParse({ ...form, subjectGroupId: id }))).toEqual({
        subjectGroupId: ["Choose a subject group from the list."],
      });
    }
  });

  it("leaves the account inactive when Active is not ticked", () => {
    const { active: _active, ...unticked } = form;
    expect(staffFormSchema("create").parse(unticked).active).toBe(false);
  });

  it("leaves the password out on create when both fields are blank (the person is invited)", () => {
    expect(staffFormSchema("create").parse({ ...form, password: "", confirmPassword: "" }).password).toBeNull();
  });

  it("keeps the old password on edit when both fields are blank", () => {
    expect(staffFormSchema("edit").parse({ ...form, password: "", confirmPassword: "" }).password).toBeNull();
    const { password: _p, confirmPassword: _c, ...withoutPasswords } = form;
    expect(staffFormSchema("edit").parse(withoutPasswords).password).toBeNull();
  });

  it("checks a new password given on edit", () => {
    expect(staffFormSchema("edit").parse(form).password).toBe(PASSWORD);
    expect(errorsOf(staffFormSchema("edit").safeParse({ ...form, confirmPassword: "violet-harbour-92" }))).toEqual({
      confirmPassword: ["The passwords do not match."],
    });
    expect(errorsOf(staffFormSchema("edit").safeParse({ ...form, password: "", confirmPassword: PASSWORD }))).toEqual({
      password: ["Use at least 8 characters."],
      confirmPassword: ["The passwords do not match."],
    });
  });

  it("refuses the person's email as their password", () => {
    expect(errorsOf(staffFormSchema("create").safeParse({ ...form, password: "grace@school.org", confirmPassword: "grace@school.org" }))).toEqual({
      password: ["Do not use your email address or username as your password."],
    });
  });

  it("refuses role names that are not lower-case words", () => {
    expect(errorsOf(staffFormSchema("create").safeParse({ ...form, roles: ["Admin"] }))).toHaveProperty(["roles.0"], ["Unknown role."]);
    expect(staffFormSchema("create").safeParse({ ...form, roles: "drop table" }).success).toBe(false);
  });
});

const body = { email: "grace@school.org", firstName: "Grace", lastName: "Hopper", password: PASSWORD };

describe("staffCreateBodySchema", () => {
  it("defaults to an active account without roles, group or username", () => {
    expect(staffCreateBodySchema.parse(body)).toEqual({ ...body, username: null, subjectGroupId: null, roles: [], active: true });
  });

  it("accepts roles as an array or as one string", () => {
    expect(staffCreateBodySchema.parse({ ...body, roles: ["admin", "staff"] }).roles).toEqual(["admin", "staff"]);
    expect(staffCreateBodySchema.parse({ ...body, roles: "admin" }).roles).toEqual(["admin"]);
  });

  it("takes subjectGroupId as a number or null", () => {
    expect(staffCreateBodySchema.parse({ ...body, subjectGroupId: 3 }).subjectGroupId).toBe(3);
    expect(staffCreateBodySchema.parse({ ...body, subjectGroupId: null }).subjectGroupId).toBeNull();
    expect(errorsOf(staffCreateBodySchema.safeParse({ ...body, subjectGroupId: 0 }))).toEqual({ subjectGroupId: ["Choose a subject group from the list."] });
  });

  it("takes a password that follows the policy, without a confirmation, or none (an invitation)", () => {
    const { password: _password, ...noPassword } = body;
    expect(staffCreateBodySchema.safeParse(noPassword).success).toBe(true);
    expect(errorsOf(staffCreateBodySchema.safeParse({ ...body, password: "Qz7!v" }))).toEqual({ password: ["Use at least 8 characters."] });
  });

  it("refuses unknown fields, such as a password hash, by name", () => {
    expect(errorsOf(staffCreateBodySchema.safeParse({ ...body, passwordHash: "$2b$12$x", isAdmin: true }))).toEqual({
      passwordHash: ["Unknown field."],
      isAdmin: ["Unknown field."],
    });
  });

  it("wants a JSON boolean for active, not a form checkbox value", () => {
    expect(staffCreateBodySchema.safeParse({ ...body, active: "on" }).success).toBe(false);
  });
});

describe("staffUpdateBodySchema", () => {
  it("accepts any subset of the fields, including none", () => {
    expect(staffUpdateBodySchema.parse({})).toEqual({});
    expect(staffUpdateBodySchema.parse({ firstName: " Amazing " })).toEqual({ firstName: "Amazing" });
  });

  it("takes null or a blank string to remove the username or the group", () => {
    expect(staffUpdateBodySchema.parse({ username: "", subjectGroupId: null })).toEqual({ username: "", subjectGroupId: null });
    expect(staffUpdateBodySchema.parse({ username: null }).username).toBeNull();
  });

  it("refuses a subject group id that is not a positive whole number", () => {
    for (const id of [0, -4, 2.5]) {
      expect(errorsOf(staffUpdateBodySchema.safeParse({ subjectGroupId: id }))).toEqual({ subjectGroupId: ["Choose a subject group that exists."] });
    }
    expect(staffUpdateBodySchema.safeParse({ subjectGroupId: "3" }).success).toBe(false);
  });

  it("checks a new password against the policy and the identity sent along", () => {
    expect(errorsOf(staffUpdateBodySchema.safeParse({ password: "Qz7!v" }))).toEqual({ password: ["Use at least 8 characters."] });
    expect(errorsOf(staffUpdateBodySchema.safeParse({ username: "grace1906", password: "Grace1906" }))).toEqual({
      password: ["Do not use your email address or username as your password."],
    });
  });

  it("takes roles as an array", () => {
    expect(staffUpdateBodySchema.parse({ roles: ["staff"] }).roles).toEqual(["staff"]);
    expect(staffUpdateBodySchema.safeParse({ roles: ["not a role"] }).success).toBe(false);
  });

  it("refuses unknown fields by name", () => {
    expect(errorsOf(staffUpdateBodySchema.safeParse({ id: "someone-else", loginCount: 0 }))).toEqual({
      id: ["Unknown field."],
      loginCount: ["Unknown field."],
    });
  });
});

describe("subjectGroupIdSchema", () => {
  it("reads none as null", () => {
    for (const value of [undefined, null, "", "  "]) expect(subjectGroupIdSchema.parse(value)).toBeNull();
  });
});
