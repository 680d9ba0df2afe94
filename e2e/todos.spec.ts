// The todo list (issue 3): every behaviour of the TodoMVC app spec, in TodoMVC's own test
// order (tastejs/todomvc, tests/test.js), then what Staffroom adds: saved on the server,
// per person, and honest about changes the server refuses.
import type { Page } from "@playwright/test";
import { expect, test, type Person } from "./support/fixtures";
import {
  addTodos,
  expectCompletedStates,
  itemTitles,
  items,
  newTodo,
  seedTodos,
  STANDARD_ITEMS,
  TODO_ITEM_ONE,
  TODO_ITEM_THREE,
  TODO_ITEM_TWO,
  todoMessage,
  waitForSaved,
  waitForTodoApp,
} from "./support/todos";

let person: Person;

test.beforeEach(async ({ page, createPerson, login }) => {
  person = await createPerson();
  await login(page, person);
  await waitForTodoApp(page);
});

const main = (page: Page) => page.locator(".todoapp .main");
const footer = (page: Page) => page.locator(".todoapp .footer");
const toggleAll = (page: Page) => page.getByLabel("Mark all as complete");
const filterLink = (page: Page, name: "All" | "Active" | "Completed") => page.locator(".filters").getByRole("link", { name, exact: true });

test.describe("when the page opens", () => {
  test("the new-todo field has the focus, and main and footer are hidden while there are no todos", async ({ page, expectAccessible }) => {
    await expect(newTodo(page)).toBeFocused();
    await expect(page.getByRole("heading", { level: 1, name: "Todos" })).toBeVisible();
    await expect(items(page)).toHaveCount(0);
    await expect(main(page)).toBeHidden();
    await expect(footer(page)).toBeHidden();
    await expectAccessible(page);
  });
});

test.describe("new todo", () => {
  test("Enter adds todo items and clears the field", async ({ page }) => {
    await addTodos(page, TODO_ITEM_ONE);
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE]);
    await expect(newTodo(page)).toHaveValue("");
    await addTodos(page, TODO_ITEM_TWO);
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_TWO]);
    await expect(newTodo(page)).toBeFocused();
  });

  test("new items go to the bottom of the list", async ({ page }) => {
    await addTodos(page, ...STANDARD_ITEMS);
    await expect(items(page)).toHaveCount(3);
    await expect(itemTitles(page)).toHaveText(STANDARD_ITEMS);
  });

  test("the title is trimmed, and an empty title adds nothing", async ({ page }) => {
    await addTodos(page, `   ${TODO_ITEM_ONE}  `);
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE]);
    await addTodos(page, "    ");
    await expect(items(page)).toHaveCount(1);
    await expect(todoMessage(page)).toBeEmpty();
  });

  test("main and footer appear once there is an item", async ({ page }) => {
    await addTodos(page, TODO_ITEM_ONE);
    await expect(main(page)).toBeVisible();
    await expect(footer(page)).toBeVisible();
  });

  test("a title over 500 characters is refused with a message, and the text is kept", async ({ page, expectAccessible }) => {
    const long = "x".repeat(501);
    await addTodos(page, long);
    await expect(todoMessage(page)).toHaveText("Use at most 500 characters.");
    await expect(newTodo(page)).toHaveValue(long);
    await expect(items(page)).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe("mark all as complete", () => {
  test.beforeEach(async ({ page }) => {
    await addTodos(page, ...STANDARD_ITEMS);
  });

  test("marks all items completed, and clears them all again", async ({ page }) => {
    await toggleAll(page).check();
    await expectCompletedStates(page, [true, true, true]);
    await toggleAll(page).uncheck();
    await expectCompletedStates(page, [false, false, false]);
  });

  test("is checked when every item is checked one by one", async ({ page }) => {
    for (const title of STANDARD_ITEMS) await page.getByRole("checkbox", { name: title }).check();
    await expect(toggleAll(page)).toBeChecked();
  });

  test("follows the items: unchecked when one is reopened, checked when all are completed again", async ({ page }) => {
    await toggleAll(page).check();
    await expect(toggleAll(page)).toBeChecked();
    await page.getByRole("checkbox", { name: TODO_ITEM_ONE }).uncheck();
    await expect(toggleAll(page)).not.toBeChecked();
    await page.getByRole("checkbox", { name: TODO_ITEM_ONE }).check();
    await expect(toggleAll(page)).toBeChecked();
  });

  test("is cleared after Clear completed", async ({ page }) => {
    await toggleAll(page).check();
    await page.getByRole("button", { name: "Clear completed" }).click();
    await expect(items(page)).toHaveCount(0);
    await addTodos(page, TODO_ITEM_ONE);
    await expect(toggleAll(page)).not.toBeChecked();
  });
});

test.describe("item", () => {
  test("can be marked complete and un-marked", async ({ page }) => {
    await addTodos(page, TODO_ITEM_ONE, TODO_ITEM_TWO);
    await items(page).nth(0).locator(".toggle").check();
    await expectCompletedStates(page, [true, false]);
    await items(page).nth(1).locator(".toggle").check();
    await expectCompletedStates(page, [true, true]);
    await items(page).nth(0).locator(".toggle").uncheck();
    await expectCompletedStates(page, [false, true]);
  });

  test("shows its delete button on hover, which removes it", async ({ page }) => {
    await addTodos(page, ...STANDARD_ITEMS);
    const destroy = page.getByRole("button", { name: `Delete ${TODO_ITEM_TWO}` });
    await expect(destroy).toHaveCSS("opacity", "0");
    await items(page).nth(1).hover();
    await expect(destroy).toHaveCSS("opacity", "1");
    await destroy.click();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
  });
});

test.describe("editing", () => {
  test.beforeEach(async ({ page }) => {
    await addTodos(page, ...STANDARD_ITEMS);
    await waitForSaved(page);
    await itemTitles(page).nth(1).dblclick();
  });

  const editField = (page: Page) => items(page).nth(1).locator(".edit");

  test("double-click opens the title in a focused field and hides the item's other controls", async ({ page, expectAccessible }) => {
    await expect(items(page).nth(1)).toHaveClass(/\bediting\b/);
    await expect(editField(page)).toBeFocused();
    await expect(editField(page)).toHaveValue(TODO_ITEM_TWO);
    await expect(newTodo(page)).not.toBeFocused();
    await expect(items(page).nth(1).locator(".toggle")).toBeHidden();
    await expect(items(page).nth(1).locator("label")).toBeHidden();
    await expectAccessible(page);
  });

  test("Enter saves the edit", async ({ page }) => {
    await editField(page).fill("buy some sausages");
    await editField(page).press("Enter");
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, "buy some sausages", TODO_ITEM_THREE]);
    await expect(items(page).nth(1)).not.toHaveClass(/\bediting\b/);
  });

  test("leaving the field saves the edit", async ({ page }) => {
    await editField(page).fill("buy some sausages");
    // Clicking another item's checkbox takes the focus away, as in TodoMVC's test.
    await items(page).nth(0).locator(".toggle").click();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, "buy some sausages", TODO_ITEM_THREE]);
    await expectCompletedStates(page, [true, false, false]);
  });

  test("the edited title is trimmed", async ({ page }) => {
    await editField(page).fill("    buy some sausages  ");
    await editField(page).press("Enter");
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, "buy some sausages", TODO_ITEM_THREE]);
  });

  test("an empty title deletes the item", async ({ page }) => {
    await editField(page).fill("   ");
    await editField(page).press("Enter");
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
  });

  test("Escape cancels the edit", async ({ page }) => {
    await editField(page).fill("foo");
    await editField(page).press("Escape");
    await expect(itemTitles(page)).toHaveText(STANDARD_ITEMS);
    await expect(items(page).nth(1)).not.toHaveClass(/\bediting\b/);
  });

  test("a title over 500 characters keeps the field open with a message", async ({ page }) => {
    await editField(page).fill("y".repeat(501));
    await editField(page).press("Enter");
    await expect(todoMessage(page)).toHaveText("Use at most 500 characters.");
    await expect(editField(page)).toBeVisible();
    await editField(page).press("Escape");
    await expect(itemTitles(page)).toHaveText(STANDARD_ITEMS);
  });

  test("edits are saved on the server", async ({ page }) => {
    await editField(page).fill("buy some sausages");
    await editField(page).press("Enter");
    await waitForSaved(page);
    await page.reload();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, "buy some sausages", TODO_ITEM_THREE]);
  });
});

test.describe("keyboard", () => {
  test("every item can be completed, edited and deleted without a mouse", async ({ page }) => {
    await addTodos(page, TODO_ITEM_ONE, TODO_ITEM_TWO);
    await waitForSaved(page);
    const checkbox = page.getByRole("checkbox", { name: TODO_ITEM_TWO });
    await checkbox.focus();
    await page.keyboard.press("Space");
    await expectCompletedStates(page, [false, true]);

    await page.keyboard.press("Tab");
    const edit = page.getByRole("button", { name: `Edit ${TODO_ITEM_TWO}` });
    await expect(edit).toBeFocused();
    await expect(edit).toHaveCSS("opacity", "1");
    await page.keyboard.press("Enter");
    const field = page.getByRole("textbox", { name: `Edit ${TODO_ITEM_TWO}` });
    await expect(field).toBeFocused();
    await field.fill("feed the dog");
    await page.keyboard.press("Enter");
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, "feed the dog"]);
    // The focus comes back to the item, not to the top of the page.
    await expect(page.getByRole("button", { name: "Edit feed the dog" })).toBeFocused();

    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Delete feed the dog" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE]);
  });
});

test.describe("counter", () => {
  test("shows the number of active items, with the right plural", async ({ page }) => {
    await addTodos(page, TODO_ITEM_ONE);
    await expect(page.locator(".todo-count")).toHaveText("1 item left");
    await expect(page.locator(".todo-count strong")).toHaveText("1");
    await addTodos(page, TODO_ITEM_TWO);
    await expect(page.locator(".todo-count")).toHaveText("2 items left");
    await toggleAll(page).check();
    await expect(page.locator(".todo-count")).toHaveText("0 items left");
  });
});

test.describe("clear completed", () => {
  test.beforeEach(async ({ page }) => {
    await addTodos(page, ...STANDARD_ITEMS);
  });

  test("is labelled Clear completed and removes the completed items", async ({ page }) => {
    await items(page).nth(1).locator(".toggle").check();
    const clear = page.getByRole("button", { name: "Clear completed" });
    await expect(clear).toHaveText("Clear completed");
    await clear.click();
    await expect(items(page)).toHaveCount(2);
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
  });

  test("is shown only while something is completed", async ({ page }) => {
    const clear = page.locator(".clear-completed");
    await expect(clear).toBeHidden();
    await items(page).nth(1).locator(".toggle").check();
    await expect(clear).toBeVisible();
    await clear.click();
    await expect(clear).toBeHidden();
  });
});

test.describe("persistence", () => {
  test("the list, its order and its states survive a reload and a visit elsewhere", async ({ page }) => {
    await addTodos(page, TODO_ITEM_ONE, TODO_ITEM_TWO);
    await items(page).nth(1).locator(".toggle").check();
    const expectState = async () => {
      await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_TWO]);
      await expectCompletedStates(page, [false, true]);
    };
    await expectState();
    await waitForSaved(page);

    await page.reload();
    await expectState();
    await page.goto("about:blank");
    await page.goto("/");
    await expectState();
    // Editing mode is not saved.
    await expect(page.locator(".todo-list li.editing")).toHaveCount(0);
  });
});

test.describe("routing", () => {
  test.beforeEach(async ({ page }) => {
    await addTodos(page, ...STANDARD_ITEMS);
    await items(page).nth(1).locator(".toggle").check();
  });

  test("Active shows the active items", async ({ page }) => {
    await filterLink(page, "Active").click();
    await expect(page).toHaveURL(/#\/active$/);
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
  });

  test("Completed shows the completed items, and All shows them all again", async ({ page }) => {
    await filterLink(page, "Completed").click();
    await expect(page).toHaveURL(/#\/completed$/);
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_TWO]);
    await filterLink(page, "Active").click();
    await filterLink(page, "All").click();
    await expect(page).toHaveURL(/#\/$/);
    await expect(itemTitles(page)).toHaveText(STANDARD_ITEMS);
  });

  test("the back button goes back through the filters", async ({ page }) => {
    await filterLink(page, "Active").click();
    await filterLink(page, "Completed").click();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_TWO]);
    await page.goBack();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
    await expect(filterLink(page, "Active")).toHaveClass("selected");
    await page.goBack();
    await expect(itemTitles(page)).toHaveText(STANDARD_ITEMS);
    await expect(filterLink(page, "All")).toHaveClass("selected");
  });

  test("the selected filter is highlighted", async ({ page, expectAccessible }) => {
    await expect(filterLink(page, "All")).toHaveClass("selected");
    await expect(filterLink(page, "All")).toHaveAttribute("aria-current", "page");
    await filterLink(page, "Active").click();
    await expect(filterLink(page, "Active")).toHaveClass("selected");
    await expect(filterLink(page, "All")).not.toHaveClass("selected");
    await filterLink(page, "Completed").click();
    await expect(filterLink(page, "Completed")).toHaveClass("selected");
    await expect(filterLink(page, "Completed")).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);
  });

  test("the filter survives a reload", async ({ page }) => {
    await filterLink(page, "Active").click();
    await waitForSaved(page);
    await page.reload();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
    await expect(filterLink(page, "Active")).toHaveClass("selected");
  });

  test("an item changed under a filter leaves it when it no longer matches", async ({ page }) => {
    await filterLink(page, "Active").click();
    // click(), not check(): the checkbox leaves the list as soon as it is ticked.
    await page.getByRole("checkbox", { name: TODO_ITEM_ONE }).click();
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_THREE]);
    await expect(page.locator(".todo-count")).toHaveText("1 item left");
  });
});

test.describe("saved on the server, per person", () => {
  test("two browsers of the same person converge on reload", async ({ page, browser, login, clientIp }) => {
    const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const otherPage = await other.newPage();
    await login(otherPage, person);
    await waitForTodoApp(otherPage);

    await addTodos(page, TODO_ITEM_ONE, TODO_ITEM_TWO);
    await waitForSaved(page);
    await otherPage.reload();
    await expect(itemTitles(otherPage)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_TWO]);

    await waitForTodoApp(otherPage);
    await otherPage.getByRole("checkbox", { name: TODO_ITEM_TWO }).check();
    await addTodos(otherPage, TODO_ITEM_THREE);
    await waitForSaved(otherPage);
    await page.reload();
    await expect(itemTitles(page)).toHaveText(STANDARD_ITEMS);
    await expectCompletedStates(page, [false, true, false]);
    await other.close();
  });

  test("nobody sees or changes another person's todos", async ({ page, browser, createPerson, login, clientIp }) => {
    await addTodos(page, "my private plan");
    await waitForSaved(page);

    const stranger = await createPerson();
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const strangerPage = await context.newPage();
    await login(strangerPage, stranger);
    await waitForTodoApp(strangerPage);
    await expect(strangerPage.getByText("my private plan")).toHaveCount(0);
    await expect(items(strangerPage)).toHaveCount(0);
    await addTodos(strangerPage, "their own errand");
    await waitForSaved(strangerPage);
    await strangerPage.reload();
    await expect(itemTitles(strangerPage)).toHaveText(["their own errand"]);
    await context.close();

    await page.reload();
    await expect(itemTitles(page)).toHaveText(["my private plan"]);
  });

  test("a change the server refuses is undone and its reason announced", async ({ page, db, expectAccessible }) => {
    await addTodos(page, TODO_ITEM_ONE);
    await waitForSaved(page);
    // The network fails: the tick goes away again.
    await page.route("**/api/v1/todos/**", (route) => route.abort());
    // click(), not check(): the tick is undone as soon as the request fails.
    await page.getByRole("checkbox", { name: TODO_ITEM_ONE }).click();
    await expect(todoMessage(page)).toHaveText("Not saved: the server could not be reached. Check your connection and try again.");
    await expectCompletedStates(page, [false]);
    await expectAccessible(page);
    await page.unroute("**/api/v1/todos/**");
    // The reason stays until it is dismissed, however quickly the next change follows.
    await addTodos(page, TODO_ITEM_TWO);
    await waitForSaved(page);
    await expect(todoMessage(page)).toContainText("Not saved");
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect(todoMessage(page)).toBeEmpty();

    // The todo was deleted elsewhere: it disappears here too, with a word why.
    const [saved] = await db.todo.findMany({ where: { ownerId: person.id, title: TODO_ITEM_ONE } });
    await db.todo.delete({ where: { id: saved!.id } });
    await page.getByRole("checkbox", { name: TODO_ITEM_ONE }).click();
    await expect(todoMessage(page)).toHaveText("Not saved: that todo no longer exists (it was deleted elsewhere).");
    await expect(itemTitles(page)).toHaveText([TODO_ITEM_TWO]);
  });
});

test.describe("a long list", () => {
  test("10,000 todos load and filter, and the 10,001st is refused and rolled back", async ({ page, db }) => {
    // Seeding 10,000 rows and rendering them all on a small, busy machine takes minutes at
    // worst; this is a generous limit, not a speed check (speed is in `npm run bench`). On
    // this 2-core machine the browser's main thread stays busy for 1-4 minutes after the last
    // row appears (seen in CI's traces: one text check waited 222 s), so the run took 2.1-4.1
    // minutes in CI and once ran out of 4.
    test.setTimeout(480_000);
    await seedTodos(db, person.id, 10_000);
    await page.reload();
    await waitForTodoApp(page);
    await expect(page.locator(".todo-count")).toHaveText("5000 items left");
    await expect(itemTitles(page).first()).toHaveText("todo 1");
    // The server renders the first items; the browser adds the rest in the background (on a
    // busy 2-core machine that can take longer than the default 5 s).
    await expect(items(page)).toHaveCount(10_000, { timeout: 120_000 });
    await expect(itemTitles(page).last()).toHaveText("todo 10000");

    await addTodos(page, "one too many");
    await expect(todoMessage(page)).toHaveText(
      "Not saved: You have 10,000 todos, the most one person can keep. Clear completed ones or delete some first.",
    );
    await expect(items(page)).toHaveCount(10_000);
    await expect(itemTitles(page).last()).toHaveText("todo 10000");

    await filterLink(page, "Completed").click();
    await expect(items(page)).toHaveCount(5_000);
    await expect(itemTitles(page).first()).toHaveText("todo 2");
  });
});
