import { z } from "zod";

// A todo as the API answers it and the page receives it: exactly these six fields
// (PRODUCT.md, "JSON API"). No owner: a person only ever sees their own.
export const todoJsonSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    completed: z.boolean(),
    order: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Todo" });

export type TodoJson = z.infer<typeof todoJsonSchema>;

/** The columns a TodoJson is made of: queries select these and nothing else. */
export const todoSelect = { id: true, title: true, completed: true, order: true, createdAt: true, updatedAt: true } as const;

export type TodoRow = { id: number; title: string; completed: boolean; order: number; createdAt: Date; updatedAt: Date };

export function toTodoJson(row: TodoRow): TodoJson {
  return {
    id: row.id,
    title: row.title,
    completed: row.completed,
    order: row.order,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the list page needs of a todo: its timestamps stay on the server (a 10,000-item page is big enough). */
export type TodoItem = Pick<TodoJson, "id" | "title" | "completed" | "order">;

