// Security headers on every kind of response (PRODUCT.md: "Security headers on every
// response"): pages (with a fresh script nonce each time), error pages, redirects, refusals,
// API answers, Auth.js' endpoints and static files.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIResponse } from "@playwright/test";
import { CACHED_PAGE_HEADER } from "../../lib/http/public-page-cache";
import { BASE_URL } from "../support/env";
import { EVIL_ORIGIN, expect, loginCookie, SESSION_COOKIE, test } from "../support/security";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function expectSecurityHeaders(response: APIResponse, label: string, kind: "page" | "not a page"): Map<string, string[]> {
  const headers = response.headers();
  expect(headers["x-content-type-options"], `${label}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${label}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], `${label}: Permissions-Policy`).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers["x-powered-by"], `${label}: X-Powered-By`).toBeUndefined();

  const policy = headers["content-security-policy"];
  expect(policy, `${label}: Content-Security-Policy`).toBeTruthy();
  const csp = directives(policy!);
  expect(csp.get("frame-ancestors"), `${label}: frame-ancestors`).toEqual(["'none'"]);
  const scripts = csp.get("script-src") ?? csp.get("default-src") ?? [];
  expect(scripts, `${label}: scripts`).not.toContain("'unsafe-inline'");
  expect(scripts, `${label}: scripts`).not.toContain("'unsafe-eval'");
  expect(scripts, `${label}: scripts`).not.toContain("*");
  if (kind === "page") {
    // A page shared by visitors without a cookie allows its inline scripts by hash instead
    // (shared-pages.spec.ts checks those hashes).
    const allowed = headers[CACHED_PAGE_HEADER] === "hit" ? /^'sha256-[A-Za-z0-9+/]{43}='$/ : /^'nonce-[A-Za-z0-9+/=]{16,}'$/;
    expect(scripts.some((source) => allowed.test(source)), `${label}: a script nonce or hash`).toBe(true);
    expect(csp.get("object-src"), `${label}: object-src`).toEqual(["'none'"]);
    expect(csp.get("base-uri"), `${label}: base-uri`).toEqual(["'self'"]);
    expect(csp.get("form-action"), `${label}: form-action`).toEqual(["'self'"]);
  } else {
    expect(csp.get("default-src"), `${label}: default-src`).toEqual(["'none'"]);
  }
  return csp;
}

const nonceOf = (response: APIResponse) => /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];

test.describe("security headers", { tag: "@database-independent" }, () => {
  test("on every kind of response", async ({ request, createPerson }) => {
    const member = await loginCookie(await createPerson());
    const asMember = { cookie: member };
    const login = await request.get("/login");
    const staticAsset = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(await login.text())?.[1];
    expect(staticAsset, "a script under /_next/static on the login page").toBeTruthy();

    const responses: [string, "page" | "not a page", () => Promise<APIResponse>][] = [
      ["the login page", "page", async () => login],
      ["a page of a logged-in person", "page", () => request.get("/", { headers: asMember })],
      ["the 404 page", "page", () => request.get("/no/such/page", { headers: asMember })],
      ["the 403 page", "page", () => request.get("/admin/staff", { headers: asMember })],
      ["the middleware's redirect to /login", "not a page", () => request.get("/account/password", { maxRedirects: 0 })],
      ["a page's own redirect to /login", "page", () => request.get("/account/password", { headers: { cookie: `${SESSION_COOKIE}=x` }, maxRedirects: 0 })],
      ["a refused cross-origin form post", "not a page", () => request.post("/login", { headers: { origin: EVIL_ORIGIN }, multipart: { email: "a@b.c" }, maxRedirects: 0 })],
      ["/favicon.ico (outside the middleware)", "not a page", () => request.get("/favicon.ico")],
      ["/robots.txt (outside the middleware)", "not a page", () => request.get("/robots.txt")],
      ["API JSON", "not a page", () => request.get("/api/health")],
      ["an API 401", "not a page", () => request.get("/api/v1/me")],
      ["an API 404", "not a page", () => request.get("/api/v1/no-such-thing")],
      ["an API 405", "not a page", () => request.delete("/api/v1/me")],
      ["Auth.js' endpoint", "not a page", () => request.get("/api/auth/csrf")],
      ["a static asset", "not a page", () => request.get(staticAsset!)],
      ["a missing static asset", "not a page", () => request.get("/_next/static/no-such-file.js")],
    ];
    const statuses: Record<string, number> = {};
    for (const [label, kind, fetchIt] of responses) {
      const response = await fetchIt();
      statuses[label] = response.status();
      expectSecurityHeaders(response, label, kind);
    }
    // The list covers what it says it covers.
    expect(statuses).toMatchObject({
      "the login page": 200,
      "a page of a logged-in person": 200,
      "the 404 page": 404,
      "the 403 page": 403,
      "the middleware's redirect to /login": 303,
      "a page's own redirect to /login": 307,
      "a refused cross-origin form post": 403,
      "API JSON": 200,
      "an API 401": 401,
      "an API 404": 404,
      "an API 405": 405,
      "a static asset": 200,
    });
  });

  test("each rendered page has its own script nonce, and every script in it carries that nonce", async ({ request }) => {
    // With a query, the login page is rendered for this request, not shared.
    const first = await request.get("/login?callbackUrl=%2Faccount");
    const second = await request.get("/login?callbackUrl=%2Faccount");
    const [a, b] = [nonceOf(first), nonceOf(second)];
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "a script without this response's nonce").toContain(`nonce="${a}"`);
    expect(html).not.toContain(b!);
  });

  test("another site cannot frame a page", async ({ browser }) => {
    // Another origin on this machine (Chromium would block a public site framing a local
    // address for its own reasons): a page that frames the login page.
    const framer = createServer((_request, response) => response.setHeader("Content-Type", "text/html").end(`<iframe src="${BASE_URL}/login"></iframe>`));
    await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
    const { port } = framer.address() as AddressInfo;
    // A page of its own (not the fixture's, which fails on console errors): Chromium logs the refusal.
    const context = await browser.newContext();
    const page = await context.newPage();
    const messages: string[] = [];
    page.on("console", (message) => messages.push(message.text()));
    const answered = page.waitForResponse(`${BASE_URL}/login`);
    await page.goto(`http://127.0.0.1:${port}/`);

    // The server answered the frame's request, and the browser refused to show the answer.
    expect((await answered).status()).toBe(200);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    await expect.poll(() => frame.url()).toBe("chrome-error://chromewebdata/");
    expect(messages.join("\n")).toContain(`violates the following Content Security Policy directive: "frame-ancestors 'none'"`);
    await context.close();
    framer.close();
  });
});
