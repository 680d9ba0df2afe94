// Search and paging over 10,000 staff (issue 4): the list is read a page at a time on the
// server (how fast is measured by `npm run bench`, not here). The rows are seeded straight into the
// database with their own email domain (so no other test sees them in a search) and
// removed afterwards.
import { randomUUID } from "node:crypto";
import { searchTextFor } from "../lib/staff/search-text";
import { expect, test } from "./support/admin";

const COUNT = 10_000;
const pad = (i: number) => String(i).padStart(5, "0");

test("search and paging over 10,000 staff work a page at a time", async ({ page, loggedInAdmin: _admin, db }) => {
  test.setTimeout(120_000);
  const domain = `bulk-${randomUUID().slice(0, 8)}.test`;
  const rows = Array.from({ length: COUNT }, (_, i) => {
    const person = { email: `p${pad(i)}@${domain}`, firstName: "Bulk", lastName: `Person ${pad(i)}` };
    return { ...person, searchText: searchTextFor(person) };
  });
  await db.user.createMany({ data: rows });
  try {
    await page.goto(`/admin/staff?q=${domain}`);
    const main = page.getByRole("main");
    await expect(main.getByRole("status")).toHaveText(`10,000 matches for “${domain}”`);
    await expect(main.getByRole("navigation", { name: "Staff pages" })).toContainText("Page 1 of 400");
    const bodyRows = main.getByRole("table").getByRole("rowheader");
    await expect(bodyRows).toHaveCount(25);
    await expect(bodyRows.first()).toHaveText("Bulk Person 00000");

    await main.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(`/admin/staff?q=${domain}&page=2`);
    await expect(bodyRows.first()).toHaveText("Bulk Person 00025");
    await main.getByRole("link", { name: "Previous page" }).click();
    await expect(bodyRows.first()).toHaveText("Bulk Person 00000");

    await page.goto(`/admin/staff?q=${domain}&page=400`);
    await expect(bodyRows.last()).toHaveText("Bulk Person 09999");
    await expect(main.getByRole("link", { name: "Next page" })).toHaveCount(0);

    await page.getByLabel("Search staff").fill(`P04321@${domain.toUpperCase()}`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(main.getByRole("status")).toHaveText(`1 match for “P04321@${domain.toUpperCase()}”`);
    await expect(bodyRows).toHaveText(["Bulk Person 04321"]);

  } finally {
    await db.user.deleteMany({ where: { email: { endsWith: `@${domain}` } } });
  }
});
