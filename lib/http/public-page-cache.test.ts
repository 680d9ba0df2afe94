import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  cacheablePath,
  cachedAnswer,
  pageToCache,
  PublicPageCache,
  RENDER_REQUEST_HEADERS,
  RETRY_UNSHAREABLE_MS,
  shareablePage,
} from "./public-page-cache.ts";

const NONCE = "m4QozJFOGQ1MhZMfQyYboQ==";
const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const policyWithNonce = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'nonce-${NONCE}'`;
const PAGE =
  `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async="" nonce="${NONCE}"></script></head>` +
  `<body><form action="" method="POST"><input name="email"/></form>` +
  `<script nonce="${NONCE}">self.__next_f.push([1,"{\\"nonce\\":\\"${NONCE}\\"}"])</script>` +
  `<script nonce="${NONCE}">self.__next_f.push([2])</script><style nonce="${NONCE}">.a{}</style></body></html>`;

const rendered = (headers: Record<string, string> = {}, status = 200) =>
  new Response(PAGE, { status, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": policyWithNonce, ...headers } });

describe("cacheablePath", () => {
  it("takes a plain GET of a public page without cookie or query", () => {
    expect(cacheablePath("GET", "/login", { host: "x", "accept-encoding": "gzip" })).toBe("/login");
    expect(cacheablePath("GET", "/forgot-password", {})).toBe("/forgot-password");
  });

  it("leaves anything that could show something else to Next.js", () => {
    expect(cacheablePath("GET", "/", {})).toBeNull();
    expect(cacheablePath("GET", "/account", {})).toBeNull();
    expect(cacheablePath("POST", "/login", {})).toBeNull();
    expect(cacheablePath("HEAD", "/login", {})).toBeNull();
    expect(cacheablePath("GET", "/login?callbackUrl=%2Fadmin", {})).toBeNull();
    expect(cacheablePath("GET", "/login?", {})).toBeNull();
    expect(cacheablePath("GET", "/login", { cookie: "staffroom.logged-out=logged-out" })).toBeNull();
    expect(cacheablePath("GET", "/login", { cookie: "" })).toBeNull();
    expect(cacheablePath("GET", "/login", { authorization: "Bearer sr_x" })).toBeNull();
    expect(cacheablePath("GET", "/login", { rsc: "1" })).toBeNull();
    expect(cacheablePath("GET", "/login", { "next-router-prefetch": "1" })).toBeNull();
    expect(cacheablePath("GET", "/login", { "next-action": "abc" })).toBeNull();
  });

  it("leaves a render for a cache to Next.js, whichever worker it reaches", () => {
    expect(cacheablePath("GET", "/login", { ...RENDER_REQUEST_HEADERS })).toBeNull();
  });
});

describe("shareablePage", () => {
  it("removes every copy of the nonce and allows exactly the inline scripts and styles by hash", () => {
    const { html, policy } = shareablePage(PAGE, NONCE);
    expect(html).not.toContain(NONCE);
    expect(html).toContain('<script src="/_next/static/chunks/a.js" async=""></script>');
    const scripts = [`self.__next_f.push([1,"{\\"nonce\\":\\"\\"}"])`, "self.__next_f.push([2])"];
    expect(policy).toContain(`script-src 'self' ${scripts.map(hash).join(" ")};`);
    expect(policy).toContain(`style-src 'self' ${hash(".a{}")};`);
    expect(policy).not.toMatch(/nonce|unsafe-inline|strict-dynamic/);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it("allows no inline script or style that the render did not give the nonce", () => {
    const injected = PAGE.replace("</body>", "<script>alert(1)</script><style>.x{}</style></body>");
    const { policy } = shareablePage(injected, NONCE);
    expect(policy).not.toContain(hash("alert(1)"));
    expect(policy).not.toContain(hash(".x{}"));
    expect(policy).toContain(hash("self.__next_f.push([2])"));
  });
});

describe("pageToCache", () => {
  it("keeps a 200 page with its own headers, a hash policy, and a gzipped copy", async () => {
    const response = rendered({ "x-frame-options": "DENY", vary: "rsc", date: "yesterday", "x-staffroom-worker": "12" });
    const page = pageToCache(response.status, response.headers, await response.text())!;
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers.vary).toBe("rsc, Accept-Encoding");
    expect(page.headers.date).toBeUndefined();
    expect(page.headers["x-staffroom-worker"]).toBeUndefined();
    expect(String(page.headers["content-security-policy"])).toMatch(/^default-src 'self'; script-src 'self' 'sha256-/);
    expect(gunzipSync(page.gzipped).equals(page.body)).toBe(true);

    const plain = cachedAnswer(page, undefined);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(page.body.length);
    const gzipped = cachedAnswer(page, "gzip, deflate, br");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body).toBe(page.gzipped);
  });

  it("refuses an answer that set a cookie, is not a 200 HTML page, or has no nonce to take out", async () => {
    for (const response of [
      rendered({ "set-cookie": "a=b" }),
      rendered({}, 404),
      rendered({ "content-type": "application/json" }),
      rendered({ "content-security-policy": "default-src 'self'" }),
    ]) {
      expect(pageToCache(response.status, response.headers, await response.text())).toBeNull();
    }
  });
});

describe("PublicPageCache", () => {
  it("answers from Next.js until the one background render has arrived, then from the cache", async () => {
    const asked: string[] = [];
    const cache = new PublicPageCache(async (path) => {
      asked.push(path);
      return rendered();
    });
    expect(cache.get("/login")).toBeNull();
    expect(cache.get("/login")).toBeNull();
    await cache.settled();
    expect(cache.get("/login")?.body.toString()).toContain('<input name="email"/>');
    expect(asked).toEqual(["/login"]);
  });

  it("asks again for a page it must not share only a minute later, and after a failure at the next miss", async () => {
    let now = 1_000_000;
    let calls = 0;
    let answer = rendered({ "set-cookie": "a=b" });
    const refused = new PublicPageCache(async () => {
      calls += 1;
      return answer;
    }, () => now);
    refused.get("/login");
    await refused.settled();
    expect(refused.get("/login")).toBeNull();
    now += RETRY_UNSHAREABLE_MS - 1;
    expect(refused.get("/login")).toBeNull();
    await refused.settled();
    expect(calls).toBe(1);
    answer = rendered();
    now += 1;
    refused.get("/login");
    await refused.settled();
    expect(calls).toBe(2);
    expect(refused.get("/login")).toBeTruthy();

    let attempts = 0;
    const flaky = new PublicPageCache(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("connection refused");
      return rendered();
    });
    flaky.get("/login");
    await flaky.settled();
    expect(flaky.get("/login")).toBeNull();
    await flaky.settled();
    expect(flaky.get("/login")).toBeTruthy();
  });
});
