// Helpers for the todo list specs: TodoMVC's three standard items, and waiting for the
// states a person would wait for (the page ready for typing, every change saved).
import { expect, type Page } from "@playwright/test";
import type { Db } from "../../lib/db/client";
import { DATABASE_URL } from "./env";

export const TODO_ITEM_ONE = "buy some cheese";
export const TODO_ITEM_TWO = "feed the cat";
export const TODO_ITEM_THREE = "book a doctors appointment";
export const STANDARD_ITEMS = [TODO_ITEM_ONE, TODO_ITEM_TWO, TODO_ITEM_THREE];

export const newTodo = (page: Page) => page.getByPlaceholder("What needs to be done?");
export const items = (page: Page) => page.locator(".todo-list li");
export const itemTitles = (page: Page) => page.locator(".todo-list li label");
/** The list's own live region (Next.js has another one, its route announcer). */
export const todoMessage = (page: Page) => page.locator(".todoapp").getByRole("alert");

/**
 * Waits until React has hydrated the list, so that typing goes to the script and not to
 * the form's server action (both work; a test should know which one it exercises).
 * React marks the elements it has taken over with a __reactProps$… property.
 */
export async function waitForTodoApp(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const input = document.querySelector(".new-todo");
    return !!input && Object.keys(input).some((key) => key.startsWith("__reactProps$"));
  });
}

/** Every change has reached the server: nothing on the page is busy any more. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

export async function addTodos(page: Page, ...titles: string[]): Promise<void> {
  for (const title of titles) {
    await newTodo(page).fill(title);
    await newTodo(page).press("Enter");
  }
}

/** Each item's completed state, by its class (TodoMVC's check) and by its checkbox. */
export async function expectCompletedStates(page: Page, states: boolean[]): Promise<void> {
  await expect(items(page)).toHaveCount(states.length);
  for (const [index, completed] of states.entries()) {
    const item = items(page).nth(index);
    if (completed) {
      await expect(item).toHaveClass(/\bcompleted\b/);
      await expect(item.locator(".toggle")).toBeChecked();
    } else {
      await expect(item).not.toHaveClass(/\bcompleted\b/);
      await expect(item.locator(".toggle")).not.toBeChecked();
    }
  }
}

/**
 * Gives a person `count` todos ("todo 1", "todo 2", ...; every second one completed) in a
 * single INSERT ... SELECT, which takes milliseconds: row-by-row inserts from the test
 * worker would hold SQLite's write lock for seconds while other tests use the server.
 */
export async function seedTodos(db: Db, ownerId: string, count: number): Promise<void> {
  const now = new Date();
  if (DATABASE_URL.startsWith("file:")) {
    // As Prisma stores DateTime on SQLite: ISO 8601 text.
    const stamp = now.toISOString().replace("Z", "+00:00");
    await db.$executeRaw`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
      INSERT INTO "todos" ("ownerId", "title", "completed", "order", "createdAt", "updatedAt")
      SELECT ${ownerId}, 'todo ' || i, i % 2 = 0, i, ${stamp}, ${stamp} FROM n`;
  } else {
    await db.$executeRaw`
      INSERT INTO "todos" ("ownerId", "title", "completed", "order", "createdAt", "updatedAt")
      SELECT ${ownerId}, 'todo ' || i, i % 2 = 0, i, ${now}, ${now} FROM generate_series(1, ${count}::int) AS i`;
  }
}
