import { afterEach, describe, expect, it, vi } from "vitest";
import { isSameOrigin, siteOrigins } from "./same-origin.ts";

const URL_ = "http://127.0.0.1:3000/admin/staff";
const h = (values: Record<string, string>) => new Headers(values);

afterEach(() => vi.unstubAllEnvs());

describe("isSameOrigin", () => {
  it("accepts the origin the request was addressed to, scheme and port included", () => {
    expect(isSameOrigin("http://127.0.0.1:3000", h({ host: "127.0.0.1:3000" }), URL_)).toBe(true);
    expect(isSameOrigin("https://127.0.0.1:3000", h({ host: "127.0.0.1:3000" }), URL_)).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:3001", h({ host: "127.0.0.1:3000" }), URL_)).toBe(false);
  });

  it("uses X-Forwarded-Host and -Proto when present (server.ts keeps them only behind a trusted proxy)", () => {
    const headers = h({ host: "10.0.0.5:3000", "x-forwarded-host": "staff.example.org, inner", "x-forwarded-proto": "https" });
    expect(isSameOrigin("https://staff.example.org", headers, URL_)).toBe(true);
    expect(isSameOrigin("http://10.0.0.5:3000", headers, URL_)).toBe(false);
  });

  it("accepts the public URL's origin (AUTH_URL)", () => {
    vi.stubEnv("AUTH_URL", "https://staff.example.org/");
    expect(isSameOrigin("https://staff.example.org", h({ host: "10.0.0.5:3000" }), URL_)).toBe(true);
    expect(siteOrigins(h({ host: "10.0.0.5:3000" }), URL_)).toEqual(["http://10.0.0.5:3000", "https://staff.example.org"]);
  });

  it("refuses a missing, opaque or unreadable Origin, and another site", () => {
    for (const origin of [null, "", "null", "::not a url::", "https://evil.example"]) {
      expect(isSameOrigin(origin, h({ host: "127.0.0.1:3000" }), URL_), String(origin)).toBe(false);
    }
    expect(isSameOrigin("http://127.0.0.1:3000", h({}), URL_)).toBe(false);
  });
});
