// POST /api/v1/todos/toggle-all {completed} → {updated: n}: TodoMVC's "Mark all as
// complete" in one request (the page uses it; PRODUCT.md does not list it yet).
import { apiRoute, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { toggleAll } from "@/lib/todos/todo-service";
import { toggleAllSchema } from "@/lib/validation/todos";

export const POST = apiRoute({
  access: "user",
  body: toggleAllSchema,
  handler: async ({ user, body }) => ({ updated: await toggleAll(db, user, body.completed) }),
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
