// Lists prefetch nothing per row (issue 16): showing 25 people must not make the browser ask
// the server for 25 edit pages and 25 delete pages. A row's page is asked for when the
// person opens it; the header's links and the page's buttons are prefetched once the pointer
// is over one (components/layout/intent-link.tsx).
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./support/admin";

/** Every request the page makes from now on, by URL. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request: Request) => urls.push(request.url()));
  return urls;
}

const paths = (urls: string[], pattern: RegExp) => urls.filter((url) => pattern.test(new URL(url).pathname + new URL(url).search));

/** The whole list has been on screen and the browser has nothing left to fetch. */
async function showEveryRow(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.getByRole("table").locator("tbody tr").last().scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
}

test("the staff list, subject groups and the audit log prefetch no row's page", async ({ page, loggedInAdmin, createPerson, createGroup }) => {
  test.setTimeout(60_000);
  for (let i = 0; i < 25; i++) await createPerson({ lastName: `Prefetch ${String(i).padStart(2, "0")}` });
  await createGroup("Prefetch A");
  await createGroup("Prefetch B");
  void loggedInAdmin;

  await test.step("/admin/staff with 25 people: no edit or delete page until one is opened", async () => {
    const urls = recordRequests(page);
    await page.goto("/admin/staff");
    await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(25);
    await showEveryRow(page);
    const edit = page.getByRole("link", { name: /^Edit / }).first();
    await edit.hover();
    await page.waitForLoadState("networkidle");
    expect(paths(urls, /^\/admin\/staff\/[^/]+\/(edit|delete)/)).toEqual([]);

    const href = (await edit.getAttribute("href"))!;
    await edit.click();
    await expect(page).toHaveURL(href);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Edit");
    expect(paths(urls, /^\/admin\/staff\/[^/]+\/(edit|delete)/).map((url) => new URL(url).pathname)).toEqual([href]);
  });

  await test.step("the header and the page's buttons: no page prefetched until the pointer is over its link", async () => {
    const urls = recordRequests(page);
    await page.goto("/admin/staff");
    await page.waitForLoadState("networkidle");
    const prefetches = () => paths(urls, /[?&]_rsc=/).map((url) => new URL(url).pathname);
    expect(prefetches()).toEqual([]);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subject groups" }).hover();
    await expect.poll(prefetches).toContain("/admin/subject-groups");
    expect(prefetches().filter((pathname) => pathname !== "/admin/subject-groups")).toEqual([]);
  });

  await test.step("/admin/subject-groups: no edit or delete page", async () => {
    const urls = recordRequests(page);
    await page.goto("/admin/subject-groups");
    await showEveryRow(page);
    expect(paths(urls, /^\/admin\/subject-groups\/[^/]+\/(edit|delete)/)).toEqual([]);
  });

  await test.step("/admin/audit: no one person's log", async () => {
    const urls = recordRequests(page);
    await page.goto("/admin/audit");
    await showEveryRow(page);
    expect(paths(urls, /^\/admin\/audit\?.*person=/)).toEqual([]);
  });
});
