import { describe, expect, it } from "vitest";
import { fieldErrors } from "./fields.ts";
import { subjectGroupSchema } from "./subject-groups.ts";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

describe("subjectGroupSchema", () => {
  it("trims the name", () => {
    expect(subjectGroupSchema.parse({ name: "  Modern Languages " })).toEqual({ name: "Modern Languages" });
  });

  it("asks for a name when it is empty or blank", () => {
    expect(errorsOf(subjectGroupSchema.safeParse({ name: "   " }))).toEqual({ name: ["Enter a name."] });
    expect(errorsOf(subjectGroupSchema.safeParse({}))).toEqual({ name: ["Enter a name."] });
  });

  it("accepts 60 characters and refuses 61", () => {
    expect(subjectGroupSchema.safeParse({ name: "m".repeat(60) }).success).toBe(true);
    expect(errorsOf(subjectGroupSchema.safeParse({ name: "m".repeat(61) }))).toEqual({ name: ["Use at most 60 characters."] });
  });

  it("stores the name in NFC", () => {
    expect(subjectGroupSchema.parse({ name: "Franc\u0327ais" }).name).toBe("Fran\u00e7ais");
  });

  it("refuses control characters", () => {
    expect(errorsOf(subjectGroupSchema.safeParse({ name: "Art\u0000Design" }))).toEqual({ name: ["Remove control characters."] });
  });

  it("refuses unknown fields", () => {
    expect(errorsOf(subjectGroupSchema.safeParse({ name: "Art", staffCount: 3 }))).toEqual({ staffCount: ["Unknown field."] });
  });
});
