import type { Metadata } from "next";
import { TodoApp } from "@/components/todos/todo-app";
import { requireUser } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { parseShownLimit } from "@/lib/todos/todo-list";
import { listTodoItems } from "@/lib/todos/todo-service";
import { parseTodoFilter } from "@/lib/validation/todos";
import { addTodo, changeTodos } from "./actions/todos";

export const metadata: Metadata = { title: "Todos" };

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const [todos, { filter, limit }] = await Promise.all([listTodoItems(db, user), searchParams]);
  return (
    <main id="main" className="page">
      <TodoApp
        initialTodos={todos}
        initialFilter={parseTodoFilter(filter)}
        initialLimit={parseShownLimit(limit)}
        addAction={addTodo}
        listAction={changeTodos}
      />
    </main>
  );
}
