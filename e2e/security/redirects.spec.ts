// Open redirects: after typing a password here, a person must never be sent to another
// site, whatever the link's callbackUrl says (lib/auth/callback-url.ts), with or without
// JavaScript, and through Auth.js' own endpoints too.
import type { APIResponse } from "@playwright/test";
import { expect, postLogin, test } from "../support/security";

const HOSTILE = [
  "https://evil.example",
  "https://evil.example/steal",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/..//evil.example",
  "/../..//evil.example/x",
  "/%2F%2Fevil.example",
  "/\t/evil.example",
  " //evil.example",
  "https:evil.example",
  "http://127.0.0.1@evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
];

/** The list: a browser logs in with each (the rest go through the same server code, tested without JavaScript). */
const IN_THE_BROWSER = ["https://evil.example", "//evil.example", "/\\evil.example", "/..//evil.example", "javascript:alert(1)"];

/** Where a Location header leads, from a page of this site. */
const resolve = (location: string, baseURL: string) => new URL(location, `${baseURL}/login`);

test.describe("callbackUrl after logging in", () => {
  test("with JavaScript: every hostile value ends on this site", async ({ page, createPerson, baseURL }) => {
    const person = await createPerson();
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(`${baseURL}/`)) elsewhere.push(request.url());
    });
    await page.route((url) => url.hostname.endsWith("evil.example"), (route) => route.abort());
    for (const value of IN_THE_BROWSER) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(value)}`);
      await page.getByLabel("Email").fill(person.email);
      await page.getByLabel("Password").fill(person.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page, value).not.toHaveURL(/\/login/);
      expect(new URL(page.url()).origin, value).toBe(baseURL);
      await expect(page.getByRole("button", { name: "Log out" }), value).toBeVisible();
    }
    expect(elsewhere).toEqual([]);
  });

  test("without JavaScript: the login's Location is always on this site", async ({ createPerson, baseURL }) => {
    const person = await createPerson();
    for (const value of HOSTILE) {
      const answer = await postLogin(baseURL!, { ...person, callbackUrl: value });
      expect(answer.status, value).toBe(303);
      expect(answer.location, value).toMatch(/^\/(?![/\\])/);
      expect(resolve(answer.location!, baseURL!).origin, value).toBe(baseURL);
    }
    // A path on this site is kept.
    expect((await postLogin(baseURL!, { ...person, callbackUrl: "/account/tokens?x=1" })).location).toBe("/account/tokens?x=1");
  });

  test("the login page never renders a hostile callbackUrl into its form", async ({ request }) => {
    for (const value of HOSTILE) {
      const html = await (await request.get(`/login?callbackUrl=${encodeURIComponent(value)}`)).text();
      const field = /<input type="hidden" name="callbackUrl" value="([^"]*)"/.exec(html)?.[1] ?? "/";
      // A path on this site ("https://evil.example/steal" keeps only "/steal"), nothing else.
      expect(field, value).toMatch(/^\/(?![/\\])[^:]*$/);
    }
  });

  test("a hostile path is sent to /login and back to this site", async ({ request, baseURL }) => {
    for (const path of ["//evil.example", "//evil.example/%2e%2e", "/\\evil.example"]) {
      const response = await request.get(`${baseURL}${path}`, { maxRedirects: 0 });
      expect([303, 307, 308, 404], path).toContain(response.status());
      const location = response.headers().location;
      if (location) expect(new URL(location, "http://127.0.0.1/").hostname, path).not.toContain("evil.example");
    }
  });
});

test.describe("Auth.js' own endpoints", () => {
  test("signin and the credentials callback never send anyone to another site", async ({ request, createPerson, baseURL }) => {
    const person = await createPerson();
    // A redirect on this site, or (Auth.js' answer to some values) an error page and no redirect at all.
    const onThisSite = (response: APIResponse, label: string) => {
      const location = response.headers().location;
      if (!location) return expect(response.status(), label).toBeGreaterThanOrEqual(400);
      // Auth.js writes absolute addresses with the host the server was started for.
      expect(["127.0.0.1", "localhost"], `${label}: ${location}`).toContain(new URL(location, baseURL).hostname);
    };
    for (const value of HOSTILE) {
      onThisSite(await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 }), `signin ${value}`);
    }

    const csrf = (await (await request.get("/api/auth/csrf")).json()).csrfToken as string;
    for (const value of HOSTILE) {
      const callback = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken: csrf, email: person.email, password: person.password, callbackUrl: value },
        maxRedirects: 0,
      });
      onThisSite(callback, `callback ${value}`);
    }
  });
});
