import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url.ts";

describe("safeCallbackPath", () => {
  it("keeps a same-origin path with its query and hash", () => {
    expect(safeCallbackPath("/admin/staff?page=2&q=ho#results")).toBe("/admin/staff?page=2&q=ho#results");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("reduces an absolute URL to its path, query and hash", () => {
    expect(safeCallbackPath("http://localhost:3000/account/password?x=1#top")).toBe("/account/password?x=1#top");
    expect(safeCallbackPath("https://evil.example/admin/staff")).toBe("/admin/staff");
  });

  it("sends an absolute URL to another site nowhere but this one", () => {
    expect(safeCallbackPath("https://evil.example")).toBe("/");
    expect(safeCallbackPath("HTTPS://EVIL.EXAMPLE/")).toBe("/");
  });

  it("refuses protocol-relative and backslash tricks", () => {
    for (const raw of ["//evil.example", "//evil.example/path", "/\\evil.example", "\\\\evil.example", "/%5Cevil", "https://x.example//evil.example"]) {
      const result = safeCallbackPath(raw);
      expect(result.startsWith("//") || result.includes("\\"), raw).toBe(false);
    }
    expect(safeCallbackPath("//evil.example")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
  });

  it("refuses dot segments that collapse into a protocol-relative URL", () => {
    for (const raw of ["/..//evil.example", "/.//evil.example", "/a/../..//evil.example", "/%2e%2e//evil.example"]) {
      expect(safeCallbackPath(raw), raw).toBe("/");
    }
  });

  it("refuses other schemes and relative paths", () => {
    for (const raw of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,hi", "mailto:x@y.z", "admin/staff", "ftp://evil.example/"]) {
      expect(safeCallbackPath(raw), raw).toBe("/");
    }
  });

  it("refuses control characters", () => {
    for (const raw of ["/admin\u0000", "/\t/evil.example", "/a\nLocation: x", "/a\u007f"]) {
      expect(safeCallbackPath(raw), JSON.stringify(raw)).toBe("/");
    }
  });

  it("refuses an over-long value and a value that is not a string", () => {
    expect(safeCallbackPath(`/${"a".repeat(2047)}`)).toHaveLength(2048);
    expect(safeCallbackPath(`/${"a".repeat(2048)}`)).toBe("/");
    expect(safeCallbackPath(["/admin"])).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });

  it("never sends a person back to the login page", () => {
    for (const raw of ["/login", "/login?callbackUrl=%2F", "/login#x", "/login/", "/./login", "http://localhost:3000/login"]) {
      expect(safeCallbackPath(raw), raw).toBe("/");
    }
  });

  it("uses the fallback it is given", () => {
    expect(safeCallbackPath("//evil.example", "/todos")).toBe("/todos");
  });
});
