import { connection } from "next/server";
import { TodoList } from "./todo-list";

// The same 50 todos as the benchmark's reader (titles, every fourth completed), made per
// request instead of read from a database: the framework's part of the todo page alone.
export default async function Page() {
  await connection(); // dynamic: rendered on every request, like the todo page
  const todos = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, title: `Benchmark todo ${String(i + 1).padStart(2, "0")}`, completed: (i + 1) % 4 === 0 }));
  return (
    <main>
      <h1>Todos</h1>
      <TodoList initialTodos={todos} />
    </main>
  );
}
