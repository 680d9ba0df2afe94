import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openBound, openSecret, sealBound, sealSecret } from "./secret-box.ts";
import { openTotpSecret, sealTotpSecret } from "./two-factor/totp.ts";

const KEY = "unit-test-auth-secret-0123456789abcdef";

// Sealed by the two modules this one replaced (lib/auth/secret-box.ts and
// lib/auth/two-factor/secret-box.ts, before 2026-12-02) under KEY: data already stored must
// still open.
const STORED = {
  legacySalt: "v1.d7eazlZlt9wWR5ss_4dY8MNJk4ktEtJbbdUoP1_6YT6ntVQUDnw",
  totp: "v1.qwDUTzjgGVUyg6Kt.yaMo9CH6GJN30VRYetLMMg.JkMeP1Ian3Jqtf3NA6pWtQ",
  recoveryCodesCookie: "v1.QpUBp5GJOBztQFJj.L7xrx-wxTwHofEtvzMzagQ.gs3M5Js",
};

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET = KEY;
});
afterEach(() => {
  if (saved === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = saved;
});

describe("values sealed before the two modules were merged", () => {
  it("still open, each under its own purpose", () => {
    expect(openSecret(STORED.legacySalt, "legacy-password-salt")?.toString()).toBe("flask-salt");
    expect(openTotpSecret(STORED.totp, "user-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(openBound("staffroom recovery codes to show v1", STORED.recoveryCodesCookie, "user-1")).toBe('["A"]');
  });
});

describe("plain boxes (salts, mail bodies)", () => {
  it("round-trip bytes and answer null for another purpose, another AUTH_SECRET or damage", () => {
    const sealed = sealSecret(Buffer.from("secret salt"), "purpose a");
    expect(sealed).not.toContain("secret");
    expect(openSecret(sealed, "purpose a")?.toString()).toBe("secret salt");
    expect(openSecret(sealed, "purpose b")).toBeNull();
    expect(openSecret(`${sealed.slice(0, -2)}AA`, "purpose a")).toBeNull();
    expect(openSecret("v1.short", "purpose a")).toBeNull();
    process.env.AUTH_SECRET = `${KEY}-other`;
    expect(openSecret(sealed, "purpose a")).toBeNull();
  });
});

describe("two-factor secrets at rest (bound boxes)", () => {
  it("round-trips, and the stored form shows nothing of the secret", () => {
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "user-1", KEY);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openTotpSecret(sealed, "user-1", KEY)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });

  it("encrypts the same secret differently every time (a fresh IV)", () => {
    expect(sealTotpSecret("SAME", "user-1", KEY)).not.toBe(sealTotpSecret("SAME", "user-1", KEY));
  });

  it("refuses another AUTH_SECRET, another person's row, and any tampering", () => {
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXP", "user-1", KEY);
    expect(() => openTotpSecret(sealed, "user-1", `${KEY}-other`)).toThrow();
    expect(() => openTotpSecret(sealed, "user-2", KEY)).toThrow();
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openTotpSecret([...parts.slice(0, 3), flipped.toString("base64url")].join("."), "user-1", KEY)).toThrow();
    expect(() => openTotpSecret("plain-text-secret", "user-1", KEY)).toThrow();
  });

  it("needs an AUTH_SECRET", () => {
    expect(() => sealTotpSecret("JBSWY3DPEHPK3PXP", "user-1", "")).toThrow(/AUTH_SECRET/);
  });

  it("keeps the keys of different purposes apart", () => {
    const sealed = sealBound("purpose a", "text", "user-1");
    expect(openBound("purpose a", sealed, "user-1")).toBe("text");
    expect(() => openBound("purpose b", sealed, "user-1")).toThrow();
  });
});
