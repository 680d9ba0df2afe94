import { resourceRoute } from "@/lib/api/resource-route";
import { db } from "@/lib/db/client";
import { deleteSubjectGroup, getSubjectGroup, renameSubjectGroup } from "@/lib/subject-groups/subject-group-service";
import { numericIdParams } from "@/lib/validation/params";
import { subjectGroupSchema } from "@/lib/validation/subject-groups";

export const { GET, PATCH, PUT, DELETE, POST } = resourceRoute({
  access: "admin",
  params: numericIdParams,
  body: subjectGroupSchema,
  read: async ({ user }, { id }) => ({ subjectGroup: await getSubjectGroup(db, user, id) }),
  change: async ({ user, ip }, { id }, { name }) => ({ subjectGroup: await renameSubjectGroup(db, user, id, name, { ip }) }),
  remove: ({ user, ip }, { id }) => deleteSubjectGroup(db, user, id, { ip }),
});
