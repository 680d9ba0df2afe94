// The todo list without JavaScript (issue 3): the server renders it, and adding,
// completing, deleting and clearing are plain forms posting to server actions.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test, type Person } from "./support/fixtures";
import { itemTitles, items, newTodo, seedTodos, STANDARD_ITEMS, TODO_ITEM_ONE, TODO_ITEM_THREE, TODO_ITEM_TWO, todoMessage } from "./support/todos";

let person: Person;
let context: BrowserContext;
let page: Page;

test.beforeEach(async ({ browser, createPerson, login, clientIp }) => {
  person = await createPerson();
  context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
  page = await context.newPage();
  await login(page, person);
});

test.afterEach(async () => {
  await context.close();
});

async function add(...titles: string[]) {
  for (const title of titles) {
    await newTodo(page).fill(title);
    await newTodo(page).press("Enter");
    await expect(newTodo(page)).toHaveValue("");
  }
}

const filterLink = (name: string) => page.locator(".filters").getByRole("link", { name, exact: true });

// (No axe check here: axe cannot run in a page without JavaScript. The same markup is
// checked with JavaScript on in todos.spec.ts.)
test("adds, completes, reopens, deletes and clears completed todos", async () => {
  await expect(page.locator(".todoapp .main")).toBeHidden();
  await add(`  ${TODO_ITEM_ONE} `, TODO_ITEM_TWO);
  await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_TWO]);
  await expect(page).toHaveURL("/");
  // The checkboxes need a script; buttons stand in for them.
  await expect(page.getByRole("checkbox", { name: TODO_ITEM_ONE })).toBeHidden();

  await page.getByRole("button", { name: `Complete ${TODO_ITEM_ONE}` }).click();
  await expect(items(page).nth(0)).toHaveClass(/\bcompleted\b/);
  await expect(page.locator(".todo-count")).toHaveText("1 item left");

  await page.getByRole("button", { name: `Reopen ${TODO_ITEM_ONE}` }).click();
  await expect(items(page).nth(0)).not.toHaveClass(/\bcompleted\b/);
  await expect(page.locator(".todo-count")).toHaveText("2 items left");
  await expect(page.getByRole("button", { name: "Clear completed" })).toBeHidden();

  await page.getByRole("button", { name: `Delete ${TODO_ITEM_TWO}` }).click();
  await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE]);

  await page.getByRole("button", { name: `Complete ${TODO_ITEM_ONE}` }).click();
  await page.getByRole("button", { name: "Clear completed" }).click();
  await expect(items(page)).toHaveCount(0);
  await expect(page.locator(".todoapp .main")).toBeHidden();
  await expect(page.locator(".todoapp .footer")).toBeHidden();
});

test("an empty or too long title is refused with the reason, keeping what was typed", async () => {
  const long = "z".repeat(501);
  await newTodo(page).fill(long);
  await newTodo(page).press("Enter");
  await expect(todoMessage(page)).toHaveText("Use at most 500 characters.");
  await expect(newTodo(page)).toHaveValue(long);

  await newTodo(page).fill("   ");
  await newTodo(page).press("Enter");
  await expect(todoMessage(page)).toHaveText("Enter what needs to be done.");
  await expect(items(page)).toHaveCount(0);
});

test("filters are links the server follows, and changes keep the filter", async () => {
  await add(...STANDARD_ITEMS);
  await page.getByRole("button", { name: `Complete ${TODO_ITEM_TWO}` }).click();

  await filterLink("Active").click();
  await expect(page).toHaveURL("/?filter=active");
  await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_THREE]);
  await expect(filterLink("Active")).toHaveClass("selected");
  await expect(filterLink("Active")).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: `Complete ${TODO_ITEM_ONE}` }).click();
  await expect(page).toHaveURL("/?filter=active");
  await expect(itemTitles(page)).toHaveText([TODO_ITEM_THREE]);

  await filterLink("Completed").click();
  await expect(page).toHaveURL("/?filter=completed");
  await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE, TODO_ITEM_TWO]);

  await filterLink("All").click();
  await expect(page).toHaveURL("/");
  await page.getByRole("button", { name: "Complete all" }).click();
  await expect(page.locator(".todo-list li.completed")).toHaveCount(3);
  await page.getByRole("button", { name: "Reopen all" }).click();
  await expect(page.locator(".todo-list li.completed")).toHaveCount(0);

  // A reload asks the server again, with the filter in the address.
  await filterLink("Completed").click();
  await page.reload();
  await expect(items(page)).toHaveCount(0);
  await expect(filterLink("Completed")).toHaveClass("selected");
});

test("a long list shows its first 200 items and a link to more", async ({ db }) => {
  await seedTodos(db, person.id, 450);
  await page.reload();
  await expect(items(page)).toHaveCount(200);
  await expect(page.getByText("(200 of 450 shown)")).toBeVisible();
  await page.getByRole("link", { name: "Show more" }).click();
  await expect(page).toHaveURL("/?limit=1200");
  await expect(items(page)).toHaveCount(450);
  await expect(itemTitles(page).last()).toHaveText("todo 450");

  // A change made down the list comes back to the same view.
  await page.getByRole("button", { name: "Delete todo 449" }).click();
  await expect(page).toHaveURL("/?limit=1200");
  await expect(items(page)).toHaveCount(449);
});

test("a form naming another person's todo is refused as not found and changes nothing", async ({ createPerson, db }) => {
  const owner = await createPerson();
  const theirs = await db.todo.create({ data: { ownerId: owner.id, title: "their todo", order: 1 } });
  await add(TODO_ITEM_ONE);

  // Make this page's delete button name the other person's todo, as a forged post would.
  await page.getByRole("button", { name: `Delete ${TODO_ITEM_ONE}` }).evaluate((button, id) => {
    (button as HTMLButtonElement).value = `delete:${id}`;
  }, theirs.id);
  await page.getByRole("button", { name: `Delete ${TODO_ITEM_ONE}` }).click();
  await expect(todoMessage(page)).toHaveText("No todo with that id.");
  await expect(itemTitles(page)).toHaveText([TODO_ITEM_ONE]);
  expect(await db.todo.findUnique({ where: { id: theirs.id } })).toMatchObject({ title: "their todo", ownerId: owner.id });
});
