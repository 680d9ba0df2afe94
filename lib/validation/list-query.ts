// ?q=&page=&pageSize= for every paged list: the staff list, the subject group list and
// (page and pageSize) the audit log.
import { z } from "zod";
import { optionalTextSchema } from "./fields.ts";

export const pageSchema = z.coerce
  .number({ error: "Use a whole page number." })
  .int("Use a whole page number.")
  .min(1, "Pages start at 1.")
  .max(100_000, "There are not that many pages.")
  .optional()
  .default(1);

export const pageSizeSchema = z.coerce
  .number({ error: "Use a whole number per page." })
  .int("Use a whole number per page.")
  .min(1, "Ask for at least 1 per page.")
  .max(100, "Ask for at most 100 per page.")
  .optional()
  .default(25);

export const listQuerySchema = z.object({
  q: optionalTextSchema(100, "Search for at most 100 characters.").optional().default(""),
  page: pageSchema,
  pageSize: pageSizeSchema,
});
export type ListQuery = z.output<typeof listQuerySchema>;
