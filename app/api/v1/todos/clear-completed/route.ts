// POST /api/v1/todos/clear-completed → {deleted: n}: deletes the caller's completed todos.
import { apiRoute, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { clearCompleted } from "@/lib/todos/todo-service";

export const POST = apiRoute({
  access: "user",
  handler: async ({ user }) => ({ deleted: await clearCompleted(db, user) }),
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
