import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets without leaking, through timing, how much of them matched. Both sides
 * are hashed first so that inputs of different lengths compare in the same time too.
 */
export function equalInConstantTime(actual: Buffer, expected: Buffer): boolean {
  const digest = (value: Buffer) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(actual), digest(expected)) && actual.length === expected.length;
}
