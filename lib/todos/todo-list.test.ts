import { describe, expect, it } from "vitest";
import {
  compareTodos,
  countActive,
  filterFromLocation,
  filterHref,
  FIRST_RENDER,
  itemsLeftWord,
  matchesFilter,
  nextOrder,
  parseShownLimit,
  listPageHref,
  sortTodos,
} from "./todo-list.ts";

describe("the list order", () => {
  it("sorts by order, then by id when orders are equal", () => {
    const todos = [
      { id: 3, order: 2 },
      { id: 1, order: 5 },
      { id: 2, order: 2 },
      { id: 4, order: -1 },
    ];
    expect(sortTodos(todos).map((todo) => todo.id)).toEqual([4, 2, 3, 1]);
    expect(compareTodos({ id: 1, order: 1 }, { id: 1, order: 1 })).toBe(0);
  });

  it("appends after the largest order, starting at 1", () => {
    expect(nextOrder([])).toBe(1);
    expect(nextOrder([{ id: 1, order: 7 }, { id: 2, order: 3 }])).toBe(8);
  });
});

describe("filters and the counter", () => {
  const todos = [{ completed: false }, { completed: true }, { completed: false }];

  it("shows what each filter promises", () => {
    expect(todos.filter((todo) => matchesFilter(todo, "all"))).toHaveLength(3);
    expect(todos.filter((todo) => matchesFilter(todo, "active"))).toHaveLength(2);
    expect(todos.filter((todo) => matchesFilter(todo, "completed"))).toHaveLength(1);
  });

  it("counts active todos with the right plural", () => {
    expect(countActive(todos)).toBe(2);
    expect(itemsLeftWord(0)).toBe("items left");
    expect(itemsLeftWord(1)).toBe("item left");
    expect(itemsLeftWord(2)).toBe("items left");
  });

  it("links hash routes with JavaScript and query strings without", () => {
    expect(filterHref("all", "hash")).toBe("#/");
    expect(filterHref("active", "hash")).toBe("#/active");
    expect(filterHref("all", "query")).toBe("/");
    expect(filterHref("completed", "query")).toBe("/?filter=completed");
  });

  it("reads the filter from the hash first, then from the query", () => {
    expect(filterFromLocation({ hash: "#/completed", search: "?filter=active" })).toBe("completed");
    expect(filterFromLocation({ hash: "", search: "?filter=active" })).toBe("active");
    expect(filterFromLocation({ hash: "", search: "" })).toBe("all");
  });
});

describe("how much of a long list the server renders", () => {
  it("renders the first items unless more were asked for", () => {
    expect(parseShownLimit(undefined)).toBe(FIRST_RENDER);
    expect(parseShownLimit("1200")).toBe(1200);
    expect(parseShownLimit("3")).toBe(FIRST_RENDER);
    expect(parseShownLimit("-5")).toBe(FIRST_RENDER);
    expect(parseShownLimit("1e9")).toBe(FIRST_RENDER);
  });

  it("keeps the filter in the Show more link", () => {
    expect(listPageHref("all", 1200)).toBe("/?limit=1200");
    expect(listPageHref("active", 1200)).toBe("/?filter=active&limit=1200");
    expect(listPageHref("active", FIRST_RENDER)).toBe("/?filter=active");
  });
});
