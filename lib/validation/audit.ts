import { z } from "zod";
import { pageSchema, pageSizeSchema } from "./list-query.ts";

/** ?person=&page=&pageSize= for the audit log: `person` is an email address or a staff id. */
export const auditQuerySchema = z.object({
  person: z.string().trim().max(254, "Use at most 254 characters.").optional().default(""),
  page: pageSchema,
  pageSize: pageSizeSchema,
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
