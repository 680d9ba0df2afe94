import { describe, expect, it } from "vitest";
import { numericIdParams, staffIdParams } from "./params.ts";

describe("numericIdParams", () => {
  it("turns a positive id into a number", () => {
    expect(numericIdParams.parse({ id: "42" })).toEqual({ id: 42 });
    expect(numericIdParams.parse({ id: "999999999999999" })).toEqual({ id: 999_999_999_999_999 });
  });

  it("refuses what cannot name a record", () => {
    for (const id of ["0", "007", "-1", "1.0", "1e3", " 1", "abc", "", "1234567890123456"]) {
      expect(numericIdParams.safeParse({ id }).success, id).toBe(false);
    }
    expect(numericIdParams.safeParse({ id: ["1", "2"] }).success).toBe(false);
    expect(numericIdParams.safeParse({}).success).toBe(false);
  });

  it("only ever yields safe integers", () => {
    expect(Number.isSafeInteger(numericIdParams.parse({ id: "9".repeat(15) }).id)).toBe(true);
  });
});

describe("staffIdParams", () => {
  it("accepts a cuid", () => {
    expect(staffIdParams.parse({ id: "cmi9x0k2a0000abcd1234efgh" })).toEqual({ id: "cmi9x0k2a0000abcd1234efgh" });
  });

  it("refuses ids of the wrong shape", () => {
    for (const id of ["short", "CMI9X0K2A0000ABCD1234EFGH", "cmi9x0k2a0000abcd1234ef/h", "x".repeat(41), "../../etc/passwd"]) {
      expect(staffIdParams.safeParse({ id }).success, id).toBe(false);
    }
  });
});
