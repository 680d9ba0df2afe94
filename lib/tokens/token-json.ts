import { z } from "zod";

export const apiTokenJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "ApiToken" });

export type ApiTokenJson = z.infer<typeof apiTokenJsonSchema>;
