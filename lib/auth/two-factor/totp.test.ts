import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { groupedSecret, newTotpSecret, totpUri, verifyTotp } from "./totp.ts";

// RFC 6238 appendix B's SHA-1 key ("12345678901234567890"), in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => seconds * 1000;
const codeAt = (secret: string, seconds: number) => generate({ secret, epoch: seconds });

describe("TOTP", () => {
  it("matches RFC 6238's test vector (SHA-1, 6 digits, 30 s)", async () => {
    // The RFC lists 8 digits, 94287082, at T = 59 s; six digits are its last six.
    expect(await codeAt(RFC_SECRET, 59)).toBe("287082");
    expect(await verifyTotp(RFC_SECRET, "287082", 0, at(59))).toBe(1);
  });

  it("accepts one step either side and no more", async () => {
    const now = 1_000_000_020; // step 33333334
    const step = Math.floor(now / 30);
    expect(await verifyTotp(RFC_SECRET, await codeAt(RFC_SECRET, now - 30), 0, at(now))).toBe(step - 1);
    expect(await verifyTotp(RFC_SECRET, await codeAt(RFC_SECRET, now + 30), 0, at(now))).toBe(step + 1);
    expect(await verifyTotp(RFC_SECRET, await codeAt(RFC_SECRET, now - 60), 0, at(now))).toBeNull();
    expect(await verifyTotp(RFC_SECRET, await codeAt(RFC_SECRET, now + 60), 0, at(now))).toBeNull();
  });

  it("refuses a step that was used already, or one older than a used one (no replay)", async () => {
    const now = 1_700_000_010;
    const step = Math.floor(now / 30);
    const code = await codeAt(RFC_SECRET, now);
    const used = await verifyTotp(RFC_SECRET, code, 0, at(now));
    expect(used).toBe(step);
    expect(await verifyTotp(RFC_SECRET, code, used!, at(now))).toBeNull();
    // The previous step's code is still inside the window, but older than the used one.
    expect(await verifyTotp(RFC_SECRET, await codeAt(RFC_SECRET, now - 30), used!, at(now))).toBeNull();
    // The next step's code is new.
    expect(await verifyTotp(RFC_SECRET, await codeAt(RFC_SECRET, now + 30), used!, at(now))).toBe(step + 1);
  });

  it("refuses anything that is not six digits", async () => {
    for (const code of ["", "12345", "1234567", "abcdef", " 287082x"]) expect(await verifyTotp(RFC_SECRET, code, 0, at(59))).toBeNull();
  });

  it("makes 160-bit base32 secrets, a grouped setup key and an otpauth URI", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupedSecret(secret).split(" ")).toHaveLength(8);
    const uri = new URL(totpUri(secret, "jo@school.org"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Staffroom");
  });
});
