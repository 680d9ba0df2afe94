import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors.ts";

const prismaError = (code: string, originalCode?: string, message = "Database error") =>
  Object.assign(new Error(message), { code, meta: originalCode ? { driverAdapterError: { cause: { originalCode } } } : undefined });

describe("isDatabaseUnavailable", () => {
  it("recognises PostgreSQL restarting, shutting down, unreachable or timing out", () => {
    expect(isDatabaseUnavailable(prismaError("P2039", "57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P2039", "57P01"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P2039", "08006"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P2039", "57014"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P1001"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    // The pg driver's own errors, from the direct reads.
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }))).toBe(true);
  });

  it("recognises a conflict that its retries could not resolve", () => {
    expect(isDatabaseUnavailable(prismaError("P2034"))).toBe(true);
    expect(isDatabaseUnavailable(prismaError("P2039", "40001"))).toBe(true);
    const bare = Object.assign(new Error("TransactionWriteConflict"), { name: "DriverAdapterError", cause: { kind: "TransactionWriteConflict" } });
    expect(isDatabaseUnavailable(bare)).toBe(true);
  });

  it("does not excuse bugs or constraint violations", () => {
    expect(isDatabaseUnavailable(prismaError("P2002"))).toBe(false);
    expect(isDatabaseUnavailable(prismaError("P2039", "42P01", "relation does not exist"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
