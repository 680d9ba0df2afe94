// GET, PATCH, PUT and DELETE /api/v1/todos/{id}. Another person's id, like a malformed or
// unknown one, answers 404. PUT takes the same body as PATCH (docs/todos.md).
import { apiRoute, noContent, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { deleteTodo, getTodo, updateTodo } from "@/lib/todos/todo-service";
import { todoParamsSchema, updateTodoSchema } from "@/lib/validation/todos";

export const GET = apiRoute({
  access: "user",
  params: todoParamsSchema,
  handler: async ({ user, params }) => ({ todo: await getTodo(db, user, params.id) }),
});

const update = apiRoute({
  access: "user",
  params: todoParamsSchema,
  body: updateTodoSchema,
  handler: async ({ user, params, body }) => ({ todo: await updateTodo(db, user, params.id, body) }),
});

export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute({
  access: "user",
  params: todoParamsSchema,
  handler: async ({ user, params }) => {
    await deleteTodo(db, user, params.id);
    return noContent();
  },
});

export const { POST } = otherMethods("GET", "PATCH", "PUT", "DELETE");
