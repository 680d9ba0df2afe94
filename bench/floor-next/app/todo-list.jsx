"use client";
import { useState } from "react";

export function TodoList({ initialTodos }) {
  const [todos, setTodos] = useState(initialTodos);
  const toggle = (id) => setTodos((list) => list.map((t) => (t.id === id ? { ...t, completed: !t.completed } : t)));
  return (
    <ul className="todo-list">
      {todos.map((todo) => (
        <li key={todo.id} className={todo.completed ? "completed" : undefined}>
          <input type="checkbox" checked={todo.completed} onChange={() => toggle(todo.id)} aria-labelledby={`t-${todo.id}`} />
          <label id={`t-${todo.id}`}>{todo.title}</label>
        </li>
      ))}
    </ul>
  );
}
