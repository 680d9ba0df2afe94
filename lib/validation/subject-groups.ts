import { z } from "zod";
import { textFieldSchema } from "./fields.ts";

export const SUBJECT_GROUP_NAME_MAX = 60;

export const subjectGroupSchema = z.strictObject({
  name: textFieldSchema({ required: "Enter a name.", max: SUBJECT_GROUP_NAME_MAX }),
});
export type SubjectGroupInput = z.input<typeof subjectGroupSchema>;
