// The pages rendered once and shared by every visitor without a cookie or a query
// (lib/http/public-page-cache.ts): what they allow is exactly their own inline scripts, and
// nobody who could see something else (a notice, a callbackUrl, a session) is given them.
import type { APIRequestContext } from "@playwright/test";
import { CACHED_PAGE_HEADER, RENDER_REQUEST_HEADERS } from "../../lib/http/public-page-cache";
import { expectHashPolicy, fromCache as shared, scriptSources, untilFromCache } from "../support/page-cache";
import { expect, loginCookie, test } from "../support/security";

/** The shared answer: each server process renders it once, after its first miss. */
const sharedPage = (request: APIRequestContext, path: string) => untilFromCache(() => request.get(path), path);

test.describe("pages shared by visitors without a cookie", { tag: "@database-independent" }, () => {
  for (const path of ["/login", "/forgot-password"]) {
    test(`${path} allows its own inline scripts by their hashes, and nothing else inline`, async ({ request }) => {
      await expectHashPolicy(await sharedPage(request, path));
    });
  }

  test("a visitor with a cookie, a query or a session, and a render for a cache, get a page rendered for them", async ({ request, createPerson }) => {
    await sharedPage(request, "/login");

    const loggedOut = await request.get("/login", { headers: { cookie: "staffroom.logged-out=logged-out" } });
    expect(shared(loggedOut)).toBe(false);
    expect(await loggedOut.text()).toContain("You have logged out.");
    expect(scriptSources(loggedOut).some((source) => source.startsWith("'nonce-"))).toBe(true);

    const withCallback = await request.get("/login?callbackUrl=%2Faccount%2Fpassword");
    expect(shared(withCallback)).toBe(false);
    expect(await withCallback.text()).toContain('value="/account/password"');

    const withNotice = await request.get("/login?notice=password-reset");
    expect(await withNotice.text()).toContain("Your password has been reset");

    const member = await loginCookie(await createPerson());
    const asMember = await request.get("/login", { headers: { cookie: member }, maxRedirects: 0 });
    expect(shared(asMember)).toBe(false);

    const prefetch = await request.get("/login", { headers: { rsc: "1" } });
    expect(shared(prefetch)).toBe(false);

    // A worker rendering the page for its own cache gets a render, with a nonce to replace.
    const forCache = await request.get("/login", { headers: RENDER_REQUEST_HEADERS });
    expect(shared(forCache)).toBe(false);
    expect(scriptSources(forCache).some((source) => source.startsWith("'nonce-"))).toBe(true);
  });

  test("the shared login page runs in a browser under its policy, and logs a person in", async ({ browser, createPerson, request }) => {
    await sharedPage(request, "/login");
    const person = await createPerson();
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") refused.push(message.text());
    });
    const response = await page.goto("/login");
    expect(response!.headers()[CACHED_PAGE_HEADER]).toBe("hit");
    // Hydrated: the client-side check answers without posting anything.
    const posts: string[] = [];
    page.on("request", (sent) => {
      if (sent.method() === "POST") posts.push(sent.url());
    });
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page.getByText("Enter an email address.").first()).toBeVisible();
    expect(posts).toEqual([]);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(refused).toEqual([]);
    await context.close();
  });
});
