import { apiRoute, created, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { listStaff } from "@/lib/staff/staff-queries";
import { createStaff } from "@/lib/staff/staff-service";
import { listQuerySchema } from "@/lib/validation/list-query";
import { staffCreateBodySchema } from "@/lib/validation/staff";

export const GET = apiRoute({
  access: "admin",
  query: listQuerySchema,
  handler: ({ user, query }) => listStaff(db, user, query),
});

export const POST = apiRoute({
  access: "admin",
  body: staffCreateBodySchema,
  handler: async ({ user, body, ip }) => created({ user: await createStaff(db, user, body, { ip }) }),
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
