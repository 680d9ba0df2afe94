import { describe, expect, it } from "vitest";
import { emailSchema, newPasswordSchema } from "./fields.ts";

describe("emailSchema", () => {
  it("trims and lower-cases, so that the login name is case-insensitive", () => {
    expect(emailSchema.parse("  Jo.Bloggs@School.ORG ")).toBe("jo.bloggs@school.org");
  });

  it("refuses what is not an email address", () => {
    expect(emailSchema.safeParse("jo at school").success).toBe(false);
  });
});

describe("newPasswordSchema", () => {
  it("refuses one of the most common passwords, whatever its case", () => {
    const result = newPasswordSchema().safeParse("Password1");
    expect(result.error?.issues.map((issue) => issue.message)).toContain("This password is too common. Choose one that is harder to guess.");
  });
});
