"use server";
// The subject group screens' server actions: formAction (admins only, the form's schema)
// around the one subject group service, which checks the caller and the rules again.
import { redirect } from "next/navigation";
import { z } from "zod";
import { withNotice } from "@/components/admin/notices";
import { db } from "@/lib/db/client";
import { boundNumericId } from "@/lib/forms/bound-arguments";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { createSubjectGroup, deleteSubjectGroup, renameSubjectGroup } from "@/lib/subject-groups/subject-group-service";
import { subjectGroupSchema } from "@/lib/validation/subject-groups";

const GROUP_FIELDS = { text: ["name"] } as const;

export const createSubjectGroupAction = formAction({
  fields: GROUP_FIELDS,
  schema: subjectGroupSchema,
  role: "admin",
  async run({ name }, { user, ip }) {
    await createSubjectGroup(db, user, name, { ip });
    redirect(withNotice("/admin/subject-groups", "group-created"));
  },
});

export async function renameSubjectGroupAction(boundId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundNumericId(boundId, "subject group");
  return formAction({
    fields: GROUP_FIELDS,
    schema: subjectGroupSchema,
    role: "admin",
    async run({ name }, { user, ip }) {
      await renameSubjectGroup(db, user, id, name, { ip });
      redirect(withNotice("/admin/subject-groups", "group-updated"));
    },
  })(previous, formData);
}

export async function deleteSubjectGroupAction(boundId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundNumericId(boundId, "subject group");
  return formAction({
    fields: {},
    schema: z.object({}),
    role: "admin",
    async run(_input, { user, ip }) {
      await deleteSubjectGroup(db, user, id, { ip });
      redirect(withNotice("/admin/subject-groups", "group-deleted"));
    },
  })(previous, formData);
}
