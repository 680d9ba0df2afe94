import { describe, expect, it } from "vitest";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes.ts";

describe("recovery codes", () => {
  it("makes ten distinct, 80-bit codes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
    }
  });

  it("hashes so that the stored value reveals nothing and typing differences do not matter", () => {
    const [code] = newRecoveryCodes(1);
    const hash = hashRecoveryCode(code!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(normaliseRecoveryCode(code!));
    expect(hashRecoveryCode(code!.toUpperCase().replaceAll("-", " "))).toBe(hash);
    expect(hashRecoveryCode(newRecoveryCodes(1)[0]!)).not.toBe(hash);
  });

  it("reads look-alike letters as Crockford's base32 does", () => {
    expect(normaliseRecoveryCode("O0Il-1")).toBe("00111");
  });

  it("tells a recovery code from a six-digit code and from rubbish", () => {
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(looksLikeRecoveryCode("uuuu-uuuu-uuuu-uuuu")).toBe(false);
  });
});
