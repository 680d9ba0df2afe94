import { apiRoute, noContent, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { deleteSubjectGroup, getSubjectGroup, renameSubjectGroup } from "@/lib/subject-groups/subject-group-service";
import { numericIdParams } from "@/lib/validation/params";
import { subjectGroupSchema } from "@/lib/validation/subject-groups";

export const GET = apiRoute({
  access: "admin",
  params: numericIdParams,
  handler: async ({ user, params }) => ({ subjectGroup: await getSubjectGroup(db, user, params.id) }),
});

const rename = apiRoute({
  access: "admin",
  params: numericIdParams,
  body: subjectGroupSchema,
  handler: async ({ user, params, body, ip }) => ({ subjectGroup: await renameSubjectGroup(db, user, params.id, body.name, { ip }) }),
});
export const PATCH = rename;
export const PUT = rename;

export const DELETE = apiRoute({
  access: "admin",
  params: numericIdParams,
  handler: async ({ user, params, ip }) => {
    await deleteSubjectGroup(db, user, params.id, { ip });
    return noContent();
  },
});

export const { POST } = otherMethods("GET", "PATCH", "PUT", "DELETE");
