import { describe, expect, it } from "vitest";
import { fieldErrors } from "./fields.ts";
import { listQuerySchema } from "./list-query.ts";

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success ? {} : fieldErrors(result.error!);

describe("listQuerySchema", () => {
  it("defaults to the first page of 25 with no search", () => {
    expect(listQuerySchema.parse({})).toEqual({ q: "", page: 1, pageSize: 25 });
  });

  it("reads numbers from the query string and trims the search", () => {
    expect(listQuerySchema.parse({ q: "  hopper ", page: "3", pageSize: "100" })).toEqual({ q: "hopper", page: 3, pageSize: 100 });
  });

  it("refuses page 0, with a message that says pages start at 1", () => {
    expect(errorsOf(listQuerySchema.safeParse({ page: "0" }))).toEqual({ page: ["Pages start at 1."] });
  });

  it("refuses more than 100 per page", () => {
    expect(errorsOf(listQuerySchema.safeParse({ pageSize: "101" }))).toEqual({ pageSize: ["Ask for at most 100 per page."] });
  });

  it("refuses numbers that are not whole, and things that are not numbers", () => {
    expect(errorsOf(listQuerySchema.safeParse({ page: "1.5" }))).toEqual({ page: ["Use a whole page number."] });
    expect(listQuerySchema.safeParse({ page: "abc" }).success).toBe(false);
    expect(listQuerySchema.safeParse({ pageSize: "ten" }).success).toBe(false);
  });

  it("refuses a search longer than 100 characters", () => {
    expect(errorsOf(listQuerySchema.safeParse({ q: "x".repeat(101) }))).toEqual({ q: ["Search for at most 100 characters."] });
  });
});
