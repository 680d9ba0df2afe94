import { z } from "zod";

export const subjectGroupJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    staffCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "SubjectGroup" });

export type SubjectGroupJson = z.infer<typeof subjectGroupJsonSchema>;
