// GET, PATCH, PUT and DELETE /api/v1/todos/{id}. Another person's id, like a malformed or
// unknown one, answers 404. PUT takes the same body as PATCH (docs/todos.md).
import { resourceRoute } from "@/lib/api/resource-route";
import { db } from "@/lib/db/client";
import { deleteTodo, getTodo, updateTodo } from "@/lib/todos/todo-service";
import { todoParamsSchema, updateTodoSchema } from "@/lib/validation/todos";

export const { GET, PATCH, PUT, DELETE, POST } = resourceRoute({
  access: "user",
  params: todoParamsSchema,
  body: updateTodoSchema,
  read: async ({ user }, { id }) => ({ todo: await getTodo(db, user, id) }),
  change: async ({ user }, { id }, changes) => ({ todo: await updateTodo(db, user, id, changes) }),
  remove: ({ user }, { id }) => deleteTodo(db, user, id),
});
