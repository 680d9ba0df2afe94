"use server";
// The todo list's forms when they post without JavaScript (with JavaScript the list calls
// /api/v1/todos itself). Each answers with a redirect back to the list (post/redirect/get,
// keeping the filter), or with the error to show.
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import { listPageHref } from "@/lib/todos/todo-list";
import { clearCompleted, createTodo, deleteTodo, toggleAll, updateTodo } from "@/lib/todos/todo-service";
import { createTodoFormSchema, todoListFormSchema } from "@/lib/validation/todos";

export const addTodo = formAction({
  fields: { text: ["title", "filter", "limit"] },
  schema: createTodoFormSchema,
  async run({ title, filter, limit }, { user }) {
    await createTodo(db, user, { title });
    redirect(listPageHref(filter, limit));
  },
});

/** One form for the whole list: the button pressed names the change (see todoListFormSchema). */
export const changeTodos = formAction({
  fields: { text: ["intent", "filter", "limit"] },
  schema: todoListFormSchema,
  async run({ intent, filter, limit }, { user }) {
    switch (intent.action) {
      case "complete":
      case "activate":
        await updateTodo(db, user, intent.id, { completed: intent.action === "complete" });
        break;
      case "delete":
        await deleteTodo(db, user, intent.id);
        break;
      case "complete-all":
      case "activate-all":
        await toggleAll(db, user, intent.action === "complete-all");
        break;
      case "clear-completed":
        await clearCompleted(db, user);
        break;
    }
    redirect(listPageHref(filter, limit));
  },
});
