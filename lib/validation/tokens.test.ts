import { describe, expect, it } from "vitest";
import { fieldErrors } from "./fields.ts";
import { createTokenBodySchema, tokenFormSchema } from "./tokens.ts";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

const BOTH_OR_NEITHER = "Send both email and password, or neither when already authenticated.";

describe("tokenFormSchema", () => {
  it("trims the name", () => {
    expect(tokenFormSchema.parse({ name: "  nightly backup " })).toEqual({ name: "nightly backup" });
  });

  it("asks for a name, and at most 100 characters of it", () => {
    expect(errorsOf(tokenFormSchema.safeParse({ name: " " }))).toEqual({ name: ["Enter a name, such as the script that will use the token."] });
    expect(tokenFormSchema.safeParse({ name: "n".repeat(100) }).success).toBe(true);
    expect(errorsOf(tokenFormSchema.safeParse({ name: "n".repeat(101) }))).toEqual({ name: ["Use at most 100 characters."] });
  });

  it("refuses control characters in the name", () => {
    expect(errorsOf(tokenFormSchema.safeParse({ name: "backup\u001b[31m" }))).toEqual({ name: ["Remove control characters."] });
  });
});

describe("createTokenBodySchema", () => {
  it("accepts email and password, with or without a name", () => {
    expect(createTokenBodySchema.parse({ email: "jo@school.org", password: "x" })).toEqual({ email: "jo@school.org", password: "x" });
    expect(createTokenBodySchema.parse({ email: "jo@school.org", password: "x", name: " cron " }).name).toBe("cron");
  });

  it("accepts neither, for a caller that is already authenticated", () => {
    expect(createTokenBodySchema.parse({})).toEqual({});
    expect(createTokenBodySchema.parse({ name: "cron" })).toEqual({ name: "cron" });
  });

  it("refuses an email without a password and a password without an email", () => {
    expect(errorsOf(createTokenBodySchema.safeParse({ email: "jo@school.org" }))).toEqual({ password: [BOTH_OR_NEITHER] });
    expect(errorsOf(createTokenBodySchema.safeParse({ password: "secret" }))).toEqual({ password: [BOTH_OR_NEITHER] });
  });

  it("refuses unknown fields and oversized credentials", () => {
    expect(errorsOf(createTokenBodySchema.safeParse({ email: "jo@school.org", password: "x", expiresAt: "2099-01-01" }))).toHaveProperty("expiresAt", [
      "Unknown field.",
    ]);
    expect(createTokenBodySchema.safeParse({ email: "jo@school.org", password: "x".repeat(1025) }).success).toBe(false);
    expect(createTokenBodySchema.safeParse({ email: `${"j".repeat(250)}@x.org`, password: "x" }).success).toBe(false);
  });
});
