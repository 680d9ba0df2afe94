import { apiRoute, created, otherMethods } from "@/lib/api/api-route";
import { adminListRoute } from "@/lib/api/resource-route";
import { db } from "@/lib/db/client";
import { createSubjectGroup, listSubjectGroups } from "@/lib/subject-groups/subject-group-service";
import { subjectGroupSchema } from "@/lib/validation/subject-groups";

export const GET = adminListRoute((user, query) => listSubjectGroups(db, user, query));

export const POST = apiRoute({
  access: "admin",
  body: subjectGroupSchema,
  handler: async ({ user, body, ip }) => created({ subjectGroup: await createSubjectGroup(db, user, body.name, { ip }) }),
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
