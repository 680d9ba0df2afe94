import { resourceRoute } from "@/lib/api/resource-route";
import { db } from "@/lib/db/client";
import { deleteStaff, getStaff, updateStaff } from "@/lib/staff/staff-service";
import { staffIdParams } from "@/lib/validation/params";
import { staffUpdateBodySchema } from "@/lib/validation/staff";

export const { GET, PATCH, PUT, DELETE, POST } = resourceRoute({
  access: "admin",
  params: staffIdParams,
  body: staffUpdateBodySchema,
  read: async ({ user }, { id }) => ({ user: await getStaff(db, user, id) }),
  change: async ({ user, ip }, { id }, changes) => ({ user: await updateStaff(db, user, id, changes, { ip }) }),
  remove: ({ user, ip }, { id }) => deleteStaff(db, user, id, { ip }),
});
