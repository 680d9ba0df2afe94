import { afterAll, describe, expect, it, vi } from "vitest";
import { bcryptInput, closePasswordWorkers, hashCost, hashPassword, needsRehash, spendEquivalentWork, verifyPassword } from "./password.ts";

afterAll(async () => {
  await closePasswordWorkers();
});

describe("password hashing", () => {
  it("verifies the password a hash was made from, and no other", async () => {
    const hash = await hashPassword("violet-harbour-91");
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(hash).not.toContain("violet");
    expect(await verifyPassword("violet-harbour-91", hash)).toBe(true);
    expect(await verifyPassword("violet-harbour-92", hash)).toBe(false);
    expect(await verifyPassword("Violet-harbour-91", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("violet-harbour-91"), hashPassword("violet-harbour-91")]);
    expect(a).not.toBe(b);
  });

  it("tells apart long passwords that differ only after bcrypt's 72 bytes", async () => {
    const common = "x".repeat(72);
    const hash = await hashPassword(`${common}-first`);
    expect(await verifyPassword(`${common}-first`, hash)).toBe(true);
    expect(await verifyPassword(`${common}-second`, hash)).toBe(false);
    expect(await verifyPassword(common, hash)).toBe(false);
  });

  it("counts bytes, not characters: multi-byte passwords beyond 72 bytes are told apart too", async () => {
    const common = "é".repeat(36); // 36 characters, 72 bytes
    const hash = await hashPassword(`${common}ä`);
    expect(await verifyPassword(`${common}ä`, hash)).toBe(true);
    expect(await verifyPassword(`${common}ö`, hash)).toBe(false);
  });

  it("handles multi-byte characters, composed and decomposed being different passwords", async () => {
    const hash = await hashPassword("pässwörd-日本語-🔑");
    expect(await verifyPassword("pässwörd-日本語-🔑", hash)).toBe(true);
    expect(await verifyPassword("pa\u0308sswo\u0308rd-日本語-🔑", hash)).toBe(false);
  });

  it("gives bcrypt short passwords unchanged and long ones pre-hashed to 64 characters", () => {
    expect(bcryptInput("x".repeat(72))).toBe("x".repeat(72));
    expect(bcryptInput("x".repeat(73))).toHaveLength(64);
    expect(bcryptInput("é".repeat(37))).toHaveLength(64);
  });

  it("reads the cost from a hash and wants a rehash only below today's cost", async () => {
    const hash = await hashPassword("violet-harbour-91", 5);
    expect(hashCost(hash)).toBe(5);
    expect(needsRehash(hash, 5)).toBe(false);
    expect(needsRehash(hash, 6)).toBe(true);
    expect(needsRehash(hash, 4)).toBe(false);
    expect(hashCost("not a hash")).toBe(0);
    expect(needsRehash("not a hash", 4)).toBe(true);
  });

  it("uses BCRYPT_COST as today's cost", async () => {
    vi.stubEnv("BCRYPT_COST", "5");
    try {
      expect(hashCost(await hashPassword("violet-harbour-91"))).toBe(5);
      expect(needsRehash("$2b$04$abcdefghijklmnopqrstuu5MjF0.zYXg6F9hC8ONl8a0YEE2d6xq")).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("spends bcrypt work for an unknown account and always answers false", async () => {
    expect(await spendEquivalentWork("staffroom-timing-equaliser")).toBe(false);
    expect(await spendEquivalentWork("anything")).toBe(false);
  });
});
