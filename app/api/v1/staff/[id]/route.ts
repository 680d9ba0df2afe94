import { apiRoute, noContent, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { deleteStaff, getStaff, updateStaff } from "@/lib/staff/staff-service";
import { staffIdParams } from "@/lib/validation/params";
import { staffUpdateBodySchema } from "@/lib/validation/staff";

export const GET = apiRoute({
  access: "admin",
  params: staffIdParams,
  handler: async ({ user, params }) => ({ user: await getStaff(db, user, params.id) }),
});

const update = apiRoute({
  access: "admin",
  params: staffIdParams,
  body: staffUpdateBodySchema,
  handler: async ({ user, params, body, ip }) => ({ user: await updateStaff(db, user, params.id, body, { ip }) }),
});
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({
  access: "admin",
  params: staffIdParams,
  handler: async ({ user, params, ip }) => {
    await deleteStaff(db, user, params.id, { ip });
    return noContent();
  },
});

export const { POST } = otherMethods("GET", "PATCH", "PUT", "DELETE");
