// Route parameters. A malformed id cannot name anything, so the API answers it with 404.
import { z } from "zod";
import { positiveIdSchema } from "./ids.ts";

/** Numeric ids (todos, tokens, subject groups): 1 to 15 digits, always a safe integer. */
export const numericIdParams = z.object({ id: positiveIdSchema(999_999_999_999_999) });

/** Staff ids (cuid). */
export const staffIdParams = z.object({ id: z.string().regex(/^[a-z0-9]{20,40}$/) });
