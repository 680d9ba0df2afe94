// GET /api/v1/todos → {todos} in list order; POST {title} → 201 {todo} (PRODUCT.md).
import { apiRoute, created, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { createTodo, listTodos } from "@/lib/todos/todo-service";
import { createTodoSchema } from "@/lib/validation/todos";

export const GET = apiRoute({
  access: "user",
  handler: async ({ user }) => ({ todos: await listTodos(db, user) }),
});

export const POST = apiRoute({
  access: "user",
  body: createTodoSchema,
  handler: async ({ user, body }) => created({ todo: await createTodo(db, user, body) }),
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
