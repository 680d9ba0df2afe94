import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { withSafeCallbackUrl } from "./auth-request";

const BASE = "http://127.0.0.1:3000/api/auth";

describe("withSafeCallbackUrl: Auth.js only ever sees a callbackUrl on this site", () => {
  it("replaces a hostile one in the query with the path it names on this site, or home", async () => {
    for (const [value, expected] of [
      ["javascript:alert(1)", "/"],
      ["\\\\evil.example", "/"],
      ["https://evil.example/todos?x=1", "/todos?x=1"],
      ["/admin/staff", "/admin/staff"],
    ]) {
      const request = await withSafeCallbackUrl(new NextRequest(`${BASE}/signin?callbackUrl=${encodeURIComponent(value!)}`));
      expect(new URL(request.url).searchParams.get("callbackUrl"), value).toBe(expected);
    }
  });

  it("does the same in a posted form, and keeps its other fields", async () => {
    const body = new URLSearchParams({ csrfToken: "t", email: "a@b.test", callbackUrl: "\\\\evil.example" }).toString();
    const request = await withSafeCallbackUrl(
      new NextRequest(`${BASE}/callback/credentials`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
    );
    const form = new URLSearchParams(await request.text());
    expect(Object.fromEntries(form)).toEqual({ csrfToken: "t", email: "a@b.test", callbackUrl: "/" });
  });

  it("leaves a request without one untouched", async () => {
    const original = new NextRequest(`${BASE}/session`);
    expect(await withSafeCallbackUrl(original)).toBe(original);
  });
});
