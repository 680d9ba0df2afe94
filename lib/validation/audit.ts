import { z } from "zod";
import { optionalTextSchema } from "./fields.ts";
import { pageSchema, pageSizeSchema } from "./list-query.ts";

/** ?person=&page=&pageSize= for the audit log: `person` is an email address or a staff id. */
export const auditQuerySchema = z.object({
  person: optionalTextSchema(254).optional().default(""),
  page: pageSchema,
  pageSize: pageSizeSchema,
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
