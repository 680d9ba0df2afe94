// The interactive API reference at /api/docs: drawn from the app's own OpenAPI document by
// the bundle the app serves, with no console error (so nothing the CSP refused) and nothing
// fetched from another site.
import { expect, test } from "./support/fixtures";

test("the API reference shows the API's operations, from this site alone", { tag: "@database-independent" }, async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  const response = await page.goto("/api/docs");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);

  await expect(page).toHaveTitle("API reference – Staffroom");
  await expect(page.getByRole("heading", { name: "Staffroom API", level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("link", { name: /Create an API token/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Who am I/ })).toBeVisible();
  expect(elsewhere).toEqual([]);
});

test("the API tokens page links to the API reference", { tag: "@database-independent" }, async ({ page, createPerson, login }) => {
  await login(page, await createPerson());
  await page.goto("/account/tokens");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL("/api/docs");
});
