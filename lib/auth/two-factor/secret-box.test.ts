import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box.ts";

const KEY = "unit-test-auth-secret-0123456789abcdef";

describe("two-factor secrets at rest", () => {
  it("round-trips, and the stored form shows nothing of the secret", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "user-1", KEY);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed, "user-1", KEY)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });

  it("encrypts the same secret differently every time (a fresh IV)", () => {
    expect(sealSecret("SAME", "user-1", KEY)).not.toBe(sealSecret("SAME", "user-1", KEY));
  });

  it("refuses another AUTH_SECRET, another person's row, and any tampering", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "user-1", KEY);
    expect(() => openSecret(sealed, "user-1", `${KEY}-other`)).toThrow();
    expect(() => openSecret(sealed, "user-2", KEY)).toThrow();
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret([...parts.slice(0, 3), flipped.toString("base64url")].join("."), "user-1", KEY)).toThrow();
    expect(() => openSecret("plain-text-secret", "user-1", KEY)).toThrow();
  });

  it("needs an AUTH_SECRET", () => {
    expect(() => sealSecret("JBSWY3DPEHPK3PXP", "user-1", "")).toThrow(/AUTH_SECRET/);
  });
});

describe("sealing for other purposes", () => {
  it("keeps the keys of different purposes apart", async () => {
    const { open, seal } = await import("./secret-box.ts");
    const sealed = seal("purpose a", "text", "user-1", KEY);
    expect(open("purpose a", sealed, "user-1", KEY)).toBe("text");
    expect(() => open("purpose b", sealed, "user-1", KEY)).toThrow();
  });
});
