import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkboxSchema,
  currentPasswordSchema,
  emailSchema,
  fieldErrors,
  newPasswordSchema,
  BROKEN_CHARACTERS,
  CONTROL_CHARACTERS,
  FORMAT_CHARACTERS,
  optionalTextSchema,
  personNameSchema,
  textFieldSchema,
  textProblem,
  usernameSchema,
} from "./fields.ts";

describe("textProblem", () => {
  it("refuses control characters: C0, DEL and C1", () => {
    for (const control of ["\u0000", "\n", "\t", "\u001b", "\u007f", "\u0085", "\u009b"]) expect(textProblem(`a${control}b`), JSON.stringify(control)).toBe(CONTROL_CHARACTERS);
    expect(textProblem("a\nb", "Remove line breaks.")).toBe("Remove line breaks.");
  });

  it("refuses Unicode format characters (Cf): zero-width spaces, bidi overrides, soft hyphens, BOM, tags", () => {
    for (const format of ["\u200b", "\u200c", "\u200e", "\u202e", "\u2066", "\u00ad", "\ufeff", "\u2060", "\u{e0041}"]) {
      expect(textProblem(`Maths${format}`), format.codePointAt(0)!.toString(16)).toBe(FORMAT_CHARACTERS);
    }
    expect(textProblem("\u200d"), "a joiner between nothing").toBe(FORMAT_CHARACTERS);
    expect(textProblem("a\u200db"), "a joiner between letters").toBe(FORMAT_CHARACTERS);
  });

  it("refuses lone surrogates, high or low, and keeps paired ones (emoji)", () => {
    for (const broken of ["x\ud800y", "x\udfff", "\ud83d"]) expect(textProblem(broken)).toBe(BROKEN_CHARACTERS);
    expect(textProblem("Good luck 🍀")).toBeNull();
  });

  it("accepts ordinary text in any script, and emoji built with zero-width joiners", () => {
    for (const text of ["Mathématiques", "Ελληνικά", "עברית", "日本語", "O'Brien-Smith", "👩‍🔬 science", "👨🏽‍🏫", "🏳️‍🌈"]) expect(textProblem(text), text).toBeNull();
  });
});

describe("textFieldSchema", () => {
  const field = textFieldSchema({ required: "Enter a name.", max: 5 });
  it("trims, NFC-normalises and counts code points", () => {
    expect(field.parse("  Mathe\u0301 ")).toBe("Math\u00e9");
    expect(field.parse("👍👍👍👍👍")).toBe("👍👍👍👍👍");
    expect(field.safeParse("123456").error?.issues.map((issue) => issue.message)).toEqual(["Use at most 5 characters."]);
  });
  it("names the problem", () => {
    expect(field.safeParse("").error?.issues.map((issue) => issue.message)).toEqual(["Enter a name."]);
    expect(field.safeParse(undefined).error?.issues.map((issue) => issue.message)).toEqual(["Enter a name."]);
    expect(field.safeParse("M\u200bth").error?.issues.map((issue) => issue.message)).toEqual([FORMAT_CHARACTERS]);
  });
  it("has an optional twin for search boxes", () => {
    expect(optionalTextSchema(10).parse("  ")).toBe("");
    expect(optionalTextSchema(10).safeParse("a\u202e").success).toBe(false);
  });
});

const messagesOf = (result: { error?: z.ZodError }) => result.error?.issues.map((issue) => issue.message) ?? [];
const TOO_COMMON = "This password is too common. Choose one that is harder to guess.";
const SAME_AS_IDENTITY = "Do not use your email address or username as your password.";

describe("emailSchema", () => {
  it("trims and lower-cases, so that the login name is case-insensitive", () => {
    expect(emailSchema.parse("  Jo.Bloggs@School.ORG ")).toBe("jo.bloggs@school.org");
  });

  it("refuses what is not an email address", () => {
    expect(emailSchema.safeParse("jo at school").success).toBe(false);
    expect(emailSchema.safeParse("jo@").success).toBe(false);
    expect(emailSchema.safeParse("@school.org").success).toBe(false);
  });

  it("asks for an address when given nothing but spaces", () => {
    expect(messagesOf(emailSchema.safeParse("   "))).toEqual(["Enter an email address."]);
  });

  it("asks for an address when given something that is not a string", () => {
    expect(messagesOf(emailSchema.safeParse(42))).toEqual(["Enter an email address."]);
  });

  it("accepts 254 characters and refuses 255", () => {
    const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.org`; // 187 characters
    const at254 = `${"a".repeat(254 - domain.length - 1)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(emailSchema.safeParse(at254).success).toBe(true);
    expect(messagesOf(emailSchema.safeParse(`a${at254}`))).toContain("Use at most 254 characters.");
  });

  it("counts the length after trimming", () => {
    const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.org`;
    const at254 = `${"a".repeat(254 - domain.length - 1)}@${domain}`;
    expect(emailSchema.safeParse(`  ${at254}  `).success).toBe(true);
  });
});

describe("personNameSchema", () => {
  const firstName = personNameSchema("First name");

  it("trims the name", () => {
    expect(firstName.parse("  Ada ")).toBe("Ada");
  });

  it("names the field in the message for an empty value", () => {
    expect(messagesOf(firstName.safeParse(""))).toEqual(["Enter a first name."]);
    expect(messagesOf(firstName.safeParse("   "))).toEqual(["Enter a first name."]);
    expect(messagesOf(personNameSchema("Last name").safeParse(""))).toEqual(["Enter a last name."]);
  });

  it("accepts 60 characters and refuses 61", () => {
    expect(firstName.safeParse("x".repeat(60)).success).toBe(true);
    expect(messagesOf(firstName.safeParse("x".repeat(61)))).toEqual(["Use at most 60 characters."]);
  });

  it("refuses control characters inside the name", () => {
    for (const control of ["\u0000", "\u0007", "\n", "\u001b", "\u007f"]) {
      expect(messagesOf(firstName.safeParse(`Ad${control}a`))).toEqual(["Remove control characters."]);
    }
  });

  it("stores names in NFC, so that the same name typed two ways is one name", () => {
    const decomposed = "Rene\u0301e"; // e + combining acute accent
    expect(firstName.parse(decomposed)).toBe("Ren\u00e9e");
  });

  it("counts the length after NFC normalisation", () => {
    // 120 code units decomposed, 60 characters once composed.
    expect(firstName.parse("e\u0301".repeat(60))).toBe("\u00e9".repeat(60));
    expect(firstName.safeParse("e\u0301".repeat(61)).success).toBe(false);
  });

  it("accepts names beyond ASCII", () => {
    expect(firstName.parse("Zoë-Siân O'Brien")).toBe("Zoë-Siân O'Brien");
  });
});

describe("usernameSchema", () => {
  it("accepts 3 to 32 letters and digits, trimmed and as typed", () => {
    expect(usernameSchema.parse("abc")).toBe("abc");
    expect(usernameSchema.parse(" JoBloggs42 ")).toBe("JoBloggs42");
    expect(usernameSchema.parse("a".repeat(32))).toBe("a".repeat(32));
  });

  it("refuses 2 or 33 characters", () => {
    expect(usernameSchema.safeParse("ab").success).toBe(false);
    expect(usernameSchema.safeParse("a".repeat(33)).success).toBe(false);
  });

  it("refuses anything but ASCII letters and digits", () => {
    for (const name of ["jo_bloggs", "jo.bloggs", "jo bloggs", "jo-b", "zoë", "jo@x"]) {
      expect(messagesOf(usernameSchema.safeParse(name))).toEqual(["Use 3 to 32 letters (A–Z) and digits only."]);
    }
  });
});

describe("currentPasswordSchema", () => {
  it("accepts any non-empty password, even a weak one, and does not trim it", () => {
    expect(currentPasswordSchema.parse(" 1 ")).toBe(" 1 ");
  });

  it("refuses an empty password and one of more than 1024 characters", () => {
    expect(messagesOf(currentPasswordSchema.safeParse(""))).toEqual(["Enter your password."]);
    expect(currentPasswordSchema.safeParse("x".repeat(1024)).success).toBe(true);
    expect(currentPasswordSchema.safeParse("x".repeat(1025)).success).toBe(false);
  });
});

describe("newPasswordSchema", () => {
  const strong = (length: number) => "Qz7!vK2@mP9#".repeat(11).slice(0, length);

  it("refuses 7 characters and accepts 8", () => {
    expect(messagesOf(newPasswordSchema().safeParse(strong(7)))).toEqual(["Use at least 8 characters."]);
    expect(newPasswordSchema().safeParse(strong(8)).success).toBe(true);
  });

  it("accepts 128 characters and refuses 129", () => {
    expect(newPasswordSchema().safeParse(strong(128)).success).toBe(true);
    expect(messagesOf(newPasswordSchema().safeParse(strong(129)))).toEqual(["Use at most 128 characters."]);
  });

  it("refuses one of the most common passwords, whatever its case", () => {
    for (const password of ["password1", "Password1", "PASSWORD1", "iloveyou", "ILoveYou"]) {
      expect(messagesOf(newPasswordSchema().safeParse(password))).toContain(TOO_COMMON);
    }
  });

  it("accepts a long, uncommon password", () => {
    expect(newPasswordSchema().parse("violet-harbour-tractor-91")).toBe("violet-harbour-tractor-91");
  });

  it("refuses the person's email, its local part and their username, in any case", () => {
    const context = { email: "jo.bloggs@school.org", username: "Bloggsy2024" };
    expect(messagesOf(newPasswordSchema(context).safeParse("Jo.Bloggs@School.org"))).toContain(SAME_AS_IDENTITY);
    expect(messagesOf(newPasswordSchema(context).safeParse("JO.BLOGGS"))).toContain(SAME_AS_IDENTITY);
    expect(messagesOf(newPasswordSchema(context).safeParse("bloggsy2024"))).toContain(SAME_AS_IDENTITY);
  });

  it("allows a password that merely contains the username", () => {
    expect(newPasswordSchema({ username: "Bloggsy2024" }).safeParse("Bloggsy2024-violet-harbour").success).toBe(true);
  });

  it("does not compare against an identity it was not given", () => {
    expect(newPasswordSchema({ email: null, username: null }).safeParse("jo.bloggs@school.org").success).toBe(true);
  });

  it("reports every problem at once", () => {
    expect(messagesOf(newPasswordSchema().safeParse("abc123"))).toEqual(["Use at least 8 characters.", TOO_COMMON]);
  });
});

describe("checkboxSchema", () => {
  it("is ticked for true, 'on' (HTML) and 'true'", () => {
    for (const value of [true, "on", "true"]) expect(checkboxSchema.parse(value)).toBe(true);
  });

  it("is unticked when missing, empty, false or 'false'", () => {
    for (const value of [undefined, "", false, "false"]) expect(checkboxSchema.parse(value)).toBe(false);
  });

  it("refuses anything else", () => {
    for (const value of ["yes", "1", 1, null, {}]) expect(checkboxSchema.safeParse(value).success).toBe(false);
  });
});

describe("fieldErrors", () => {
  it("collects every message per field, joined paths for nested ones", () => {
    const schema = z.object({ a: z.string().min(3, "short").regex(/^\d+$/, "digits"), b: z.object({ c: z.number({ error: "number" }) }) });
    const result = schema.safeParse({ a: "x", b: { c: "no" } });
    expect(fieldErrors(result.error!)).toEqual({ a: ["short", "digits"], "b.c": ["number"] });
  });

  it("names each unknown field of a strict object", () => {
    const result = z.strictObject({ a: z.string() }).safeParse({ a: "ok", extra: 1, another: 2 });
    expect(fieldErrors(result.error!)).toEqual({ extra: ["Unknown field."], another: ["Unknown field."] });
  });

  it("puts errors about the whole value under _form", () => {
    const result = z.string({ error: "not a string" }).safeParse(5);
    expect(fieldErrors(result.error!)).toEqual({ _form: ["not a string"] });
  });

  it("handles fields called toString, constructor and __proto__ without crashing or polluting", () => {
    const body = JSON.parse('{"toString": 1, "constructor": 2, "__proto__": {"polluted": true}, "hasOwnProperty": 3}');
    const result = z.strictObject({ name: z.string({ error: "Enter a name." }) }).safeParse(body);
    const errors = fieldErrors(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["__proto__", "constructor", "hasOwnProperty", "name", "toString"]);
    expect(errors.toString).toEqual(["Unknown field."]);
    expect(JSON.parse(JSON.stringify(errors)).__proto__).toEqual(["Unknown field."]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("appends a second message to a field called like an Object method", () => {
    const schema = z.object({ toString: z.string().min(3, "short").regex(/^\d+$/, "digits") });
    expect(fieldErrors(schema.safeParse({ toString: "x" }).error!)).toEqual({ toString: ["short", "digits"] });
  });
});
