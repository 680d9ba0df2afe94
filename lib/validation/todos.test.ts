import { describe, expect, it } from "vitest";
import {
  createTodoSchema,
  parseTodoFilter,
  TITLE_REQUIRED,
  TITLE_TOO_LONG,
  todoIdSchema,
  todoListFormSchema,
  todoTitleSchema,
  updateTodoSchema,
} from "./todos.ts";

const messages = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message);

describe("todoTitleSchema", () => {
  it("trims the title", () => {
    expect(todoTitleSchema.parse("   buy some cheese  ")).toBe("buy some cheese");
  });

  it("refuses a title that is empty once trimmed", () => {
    expect(messages(todoTitleSchema.safeParse(" \t "))).toEqual([TITLE_REQUIRED]);
    expect(messages(createTodoSchema.safeParse({}))).toEqual([TITLE_REQUIRED]);
  });

  it("accepts 500 characters and refuses 501, counting after trimming", () => {
    expect(todoTitleSchema.parse(` ${"a".repeat(500)} `)).toHaveLength(500);
    expect(messages(todoTitleSchema.safeParse("a".repeat(501)))).toEqual([TITLE_TOO_LONG]);
  });

  it("counts an emoji as one character, as a person would", () => {
    expect(todoTitleSchema.safeParse("😀".repeat(500)).success).toBe(true);
    expect(todoTitleSchema.safeParse("😀".repeat(501)).success).toBe(false);
  });

  it("refuses line breaks and other control characters", () => {
    expect(todoTitleSchema.safeParse("two\nlines").success).toBe(false);
  });

  it("says so when the title is not text", () => {
    expect(messages(createTodoSchema.safeParse({ title: 42 }))).toEqual(["Send the title as text."]);
  });

  it("refuses unknown fields in a new todo", () => {
    expect(createTodoSchema.safeParse({ title: "x", completed: true }).success).toBe(false);
  });
});

describe("updateTodoSchema", () => {
  it("takes any of title, completed and order", () => {
    expect(updateTodoSchema.parse({ title: " new ", completed: true, order: -3 })).toEqual({ title: "new", completed: true, order: -3 });
    expect(updateTodoSchema.parse({})).toEqual({});
  });

  it("refuses unknown fields and wrong types", () => {
    expect(updateTodoSchema.safeParse({ done: true }).success).toBe(false);
    expect(updateTodoSchema.safeParse({ completed: "true" }).success).toBe(false);
    expect(updateTodoSchema.safeParse({ title: "" }).success).toBe(false);
  });

  it("keeps orders whole and within bounds", () => {
    expect(updateTodoSchema.safeParse({ order: 1.5 }).success).toBe(false);
    expect(updateTodoSchema.safeParse({ order: 1_000_000_000 }).success).toBe(true);
    expect(updateTodoSchema.safeParse({ order: 1_000_000_001 }).success).toBe(false);
    expect(updateTodoSchema.safeParse({ order: -1_000_000_001 }).success).toBe(false);
    expect(updateTodoSchema.safeParse({ order: Number.MAX_SAFE_INTEGER + 2 }).success).toBe(false);
  });
});

describe("todoIdSchema", () => {
  it("reads positive 32-bit ids and nothing else", () => {
    expect(todoIdSchema.parse("42")).toBe(42);
    expect(todoIdSchema.parse("2147483647")).toBe(2147483647);
    for (const bad of ["0", "-1", "01", "1.5", "abc", "2147483648", "99999999999"]) {
      expect(todoIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("todoListFormSchema", () => {
  it("reads the button that was pressed", () => {
    expect(todoListFormSchema.parse({ intent: "complete:7", filter: "active" })).toEqual({ intent: { action: "complete", id: 7 }, filter: "active" });
    expect(todoListFormSchema.parse({ intent: "delete:12" }).intent).toEqual({ action: "delete", id: 12 });
    expect(todoListFormSchema.parse({ intent: "clear-completed" }).intent).toEqual({ action: "clear-completed" });
  });

  it("refuses anything else", () => {
    for (const intent of ["delete", "delete:-1", "delete:abc", "drop-table", "complete:2147483648"]) {
      expect(todoListFormSchema.safeParse({ intent }).success, intent).toBe(false);
    }
  });
});

describe("parseTodoFilter", () => {
  it("reads hash routes and query values, and falls back to all", () => {
    expect(parseTodoFilter("#/active")).toBe("active");
    expect(parseTodoFilter("completed")).toBe("completed");
    expect(parseTodoFilter("#/")).toBe("all");
    expect(parseTodoFilter("#/nonsense")).toBe("all");
    expect(parseTodoFilter(undefined)).toBe("all");
    expect(parseTodoFilter(["active"])).toBe("all");
  });
});
