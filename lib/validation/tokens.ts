import { z } from "zod";
import { textFieldSchema } from "./fields.ts";

export const tokenNameSchema = textFieldSchema({ required: "Enter a name, such as the script that will use the token.", notText: "Enter a name.", max: 100 });

/** The /account/tokens form. */
export const tokenFormSchema = z.object({ name: tokenNameSchema });

/**
 * POST /api/v1/tokens (seed 003): email and password in the body, or neither when the
 * request is already authenticated (a session, another token, HTTP Basic).
 */
export const createTokenBodySchema = z
  .strictObject({
    email: z.string().max(254).optional(),
    password: z.string().max(1024).optional(),
    // The 6-digit code from the authenticator app (or a recovery code), for people with two-factor.
    code: z.string().max(40).optional(),
    name: tokenNameSchema.optional(),
  })
  .refine((value) => (value.email === undefined) === (value.password === undefined), {
    path: ["password"],
    message: "Send both email and password, or neither when already authenticated.",
  });
