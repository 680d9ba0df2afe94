import { z } from "zod";

export const SUBJECT_GROUP_NAME_MAX = 60;

export const subjectGroupSchema = z.strictObject({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .normalize("NFC")
    .min(1, "Enter a name.")
    .max(SUBJECT_GROUP_NAME_MAX, `Use at most ${SUBJECT_GROUP_NAME_MAX} characters.`)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Remove control characters."),
});
export type SubjectGroupInput = z.input<typeof subjectGroupSchema>;
