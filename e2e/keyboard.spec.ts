// The journeys of PRODUCT.md with the keyboard alone: nothing here clicks. Tab moves the
// focus (in the page's own order), Enter and Space act, typing goes to the focused field.
import type { Locator, Page } from "@playwright/test";
import { expect, test, uniqueEmail, DEFAULT_PASSWORD } from "./support/fixtures";

// A full page of staff is 25 rows with an Edit and a Delete link each, plus the header, the
// admin navigation and the page's own controls: Tab may have to go round the page once.
const MAX_TABS = 120;

/** Presses Tab until `target` has the focus, as a person would; fails when it never does. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < MAX_TABS; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${MAX_TABS} presses of Tab never reached ${target}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test("a person logs in, skips to the content, changes their password and logs out by keyboard", { tag: "@database-independent" }, async ({ page, createPerson }) => {
  const person = await createPerson();
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();

  await typeInto(page, page.getByLabel("Email"), person.email);
  await typeInto(page, page.getByLabel("Password"), person.password);
  await tabTo(page, page.getByLabel("Remember me"));
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Remember me")).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/");
  await expect(page.locator(".new-todo")).toBeFocused();

  await tabTo(page, page.getByRole("banner").getByRole("link", { name: "Change password" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/account/password");

  // Arriving at a page (here from the address bar), the skip link passes over the header:
  // the next Tab lands on the form's first field.
  await page.reload();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Current password")).toBeFocused();

  // A mistake is announced, and the focus goes to the field to correct.
  await page.keyboard.type(person.password);
  await typeInto(page, page.getByLabel("New password", { exact: true }), "Brand-new-secret-77");
  await typeInto(page, page.getByLabel("Confirm new password"), "Brand-new-secret-78");
  await page.keyboard.press("Enter");
  await expect(page.locator("#field-confirmPassword-error")).toHaveText("The passwords do not match.");
  await expect(page.getByLabel("Confirm new password")).toBeFocused();
  await page.keyboard.press("Backspace");
  await page.keyboard.type("7");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your password has been changed. You have been logged out everywhere else.");

  await tabTo(page, page.getByRole("button", { name: "Log out" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login/);
});

test("an administrator creates a subject group and a staff member in it, then deletes both, by keyboard", { tag: "@database-independent" }, async ({ page, createPerson, login }) => {
  // About 180 key presses, each followed by a look at the focus: 15 s on a quiet machine,
  // 31 s once in CI beside the 10,000-todo test on the other worker. Three times the budget.
  test.slow();
  const admin = await createPerson({ roles: ["admin", "staff"] });
  await login(page, admin);
  const group = `Keyboard ${uniqueEmail("group").slice(6, 14)}`;
  const email = uniqueEmail("keys");

  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subject groups" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: "New subject group" }));
  await page.keyboard.press("Enter");
  await typeInto(page, page.getByLabel("Name"), group);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin/subject-groups?notice=group-created");
  await expect(page.getByRole("row", { name: new RegExp(`^${group} 0 `) })).toBeVisible();

  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: "New staff" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin/staff/new");
  await typeInto(page, page.getByLabel("Email"), email);
  await typeInto(page, page.getByLabel("First name"), "Kim");
  await typeInto(page, page.getByLabel("Last name"), "Keys");
  // A closed <select> takes the typed start of an option's label.
  await tabTo(page, page.getByLabel("Subject group"));
  await page.keyboard.type(group);
  await expect(page.getByLabel("Subject group").locator("option:checked")).toHaveText(group);
  await typeInto(page, page.getByLabel("Password", { exact: true }), DEFAULT_PASSWORD);
  await typeInto(page, page.getByLabel("Confirm password"), DEFAULT_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin/staff?notice=staff-created");

  await typeInto(page, page.getByRole("searchbox"), email);
  await page.keyboard.press("Enter");
  const row = page.getByRole("row", { name: /Kim Keys/ });
  await expect(row.getByRole("cell")).toHaveText([email, group, "staff", "Yes", "Off", "never", /Edit Kim Keys\s*Delete Kim Keys/]);

  await tabTo(page, page.getByRole("link", { name: "Delete Kim Keys" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Delete" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin/staff?notice=staff-deleted");

  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subject groups" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: `Delete ${group}` }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Delete" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin/subject-groups?notice=group-deleted");
  await expect(page.getByRole("row", { name: new RegExp(`^${group} `) })).toHaveCount(0);
});
