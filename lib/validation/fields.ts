// Field schemas shared by every form and API body that has such a field. Each form's
// schema (in this folder) is built from these, so a rule is written once and the browser
// (react-hook-form's zodResolver) and the server (safeParse) check exactly the same thing.
import { z } from "zod";
import { isCommonPassword } from "#common-passwords";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 60;
export const EMAIL_MAX = 254;

/** Emails are compared and stored lower-cased: the login name is case-insensitive. */
export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(EMAIL_MAX, `Use at most ${EMAIL_MAX} characters.`)
  .pipe(z.email("Enter a valid email address, like name@school.org."))
  .transform((email) => email.toLowerCase());

export const CONTROL_CHARACTERS = "Remove control characters.";
export const FORMAT_CHARACTERS = "Remove invisible formatting characters, such as zero-width spaces or direction marks.";
export const BROKEN_CHARACTERS = "Remove the broken character: this is not valid text.";

// A zero-width joiner between two pictographs builds one emoji (👩‍🔬): that one is text.
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?)\u200D(?=\p{Extended_Pictographic})/gu;

/**
 * What no text field accepts, or null. Control characters (C0, DEL, C1) break lines and
 * terminals; format characters (Unicode category Cf: zero-width spaces, right-to-left
 * overrides) make "Maths" and "Maths\u200b" two names that look the same; a lone surrogate
 * is no character at all (stored, it becomes invalid UTF-8).
 */
export function textProblem(value: string, controlMessage = CONTROL_CHARACTERS): string | null {
  if (/\p{Cs}/u.test(value)) return BROKEN_CHARACTERS;
  if (/\p{Cc}/u.test(value)) return controlMessage;
  if (/\p{Cf}/u.test(value.replace(EMOJI_JOINER, ""))) return FORMAT_CHARACTERS;
  return null;
}

export type TextFieldOptions = {
  /** The message for a missing or empty value. */
  required: string;
  /** At most this many characters, counted as people count them (code points: 👍 is one). */
  max: number;
  tooLong?: string;
  /** The message for a value that is not a string (default: `required`). */
  notText?: string;
  /** What to say about control characters (a todo title says "line breaks" too). */
  controls?: string;
};

/**
 * The one text field: trimmed, NFC-normalised (so "é" typed either way is one name, before
 * any uniqueness check), 1–max characters, and free of what textProblem refuses. Every
 * free-text field of every form and API body is built from this.
 */
export function textFieldSchema({ required, max, tooLong = `Use at most ${max} characters.`, notText = required, controls }: TextFieldOptions) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? required : notText) })
    .trim()
    .normalize("NFC")
    .min(1, required)
    .refine((value) => [...value].length <= max, tooLong)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, controls);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** For free text that may be empty, like a search box: the same refusals, no minimum. */
export function optionalTextSchema(max: number, tooLong = `Use at most ${max} characters.`) {
  return z
    .string()
    .trim()
    .normalize("NFC")
    .refine((value) => [...value].length <= max, tooLong)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

export const personNameSchema = (label: string) => textFieldSchema({ required: `Enter a ${label.toLowerCase()}.`, max: NAME_MAX });

export const usernameSchema = z
  .string({ error: "Enter a username." })
  .trim()
  .regex(/^[A-Za-z0-9]{3,32}$/, "Use 3 to 32 letters (A–Z) and digits only.");

/** A password as typed at login: anything non-empty, capped so nobody can post megabytes to bcrypt. */
export const currentPasswordSchema = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(1024, "That is not a valid password.");

export type PasswordContext = { email?: string | null; username?: string | null };

/**
 * A new password: 8–128 characters, not one of the most common passwords, not the person's
 * email or username. Longer than bcrypt's 72 bytes is fine: lib/auth/password.ts pre-hashes
 * those (docs/decisions/004-passwords.md).
 */
export function newPasswordSchema(context: PasswordContext = {}) {
  return z
    .string({ error: "Enter a password." })
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
    // A lone surrogate has no UTF-8 form: hashed, it would become the same U+FFFD as any other.
    .refine((password) => !/\p{Cs}/u.test(password), BROKEN_CHARACTERS)
    .refine((password) => !isCommonPassword(password), "This password is too common. Choose one that is harder to guess.")
    .refine((password) => !sameAsIdentity(password, context), "Do not use your email address or username as your password.");
}

export function sameAsIdentity(password: string, { email, username }: PasswordContext): boolean {
  const candidate = password.trim().toLowerCase();
  return [email, username, email?.split("@")[0]].some((value) => !!value && value.toLowerCase() === candidate);
}

/** HTML checkboxes post "on" when ticked and nothing when not; JSON sends booleans. */
export const checkboxSchema = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** Turns zod issues into {field: [messages]} for forms and the API's `fields`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  // Field names come from the client ("toString", "__proto__"): never index a plain object with them.
  const add = (key: string, message: string) => {
    if (Object.hasOwn(errors, key)) errors[key]!.push(message);
    else Object.defineProperty(errors, key, { value: [message], enumerable: true, writable: true, configurable: true });
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // Blame each unknown field by name, so that a script author sees which one to drop.
      for (const name of issue.keys) add([...issue.path, name].join("."), "Unknown field.");
      continue;
    }
    add(issue.path.length > 0 ? issue.path.join(".") : "_form", issue.message);
  }
  return errors;
}
