import { afterEach, describe, expect, it, vi } from "vitest";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from "../errors.ts";
import { ApiError, errorResponse, isDatabaseUnavailable, tooManyAttempts, unauthorized, validationFailed, WWW_AUTHENTICATE } from "./api-error.ts";

async function answer(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("errorResponse", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("maps each domain error to its status and code, with the message", async () => {
    const cases: [DomainError, number, string][] = [
      [new NotFoundError("No todo with that id."), 404, "not_found"],
      [new ForbiddenError("Only administrators can do that."), 403, "forbidden"],
      [new ConflictError("Taken."), 409, "conflict"],
      [new ValidationError("Invalid."), 422, "validation_failed"],
      [new RuleViolationError("Last admin."), 422, "rule_violation"],
      [new DomainError("Something odd."), 400, "bad_request"],
    ];
    for (const [error, status, code] of cases) {
      const { status: actual, body } = await answer(error);
      expect([actual, body], error.name).toEqual([status, { error: { code, message: error.message } }]);
    }
  });

  it("passes field errors on for conflicts, validation errors and rule violations", async () => {
    const fields = { email: ["Another account already uses this email address."] };
    expect((await answer(new ConflictError("Taken.", fields))).body).toEqual({ error: { code: "conflict", message: "Taken.", fields } });
    expect((await answer(new ValidationError("Invalid.", fields))).body.error.fields).toEqual(fields);
    expect((await answer(new RuleViolationError("No.", fields))).body.error.fields).toEqual(fields);
  });

  it("answers API errors as they are, with their headers", async () => {
    const denied = await answer(unauthorized());
    expect(denied.status).toBe(401);
    expect(denied.headers.get("WWW-Authenticate")).toBe(WWW_AUTHENTICATE);
    expect(denied.body.error.code).toBe("unauthorized");

    const throttled = await answer(tooManyAttempts(120));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("Retry-After")).toBe("120");
    expect(throttled.body.error).toEqual({ code: "too_many_attempts", message: "Too many failed attempts. Try again in 120 seconds." });

    const invalid = await answer(validationFailed({ title: ["Enter a title."] }));
    expect([invalid.status, invalid.body]).toEqual([422, { error: { code: "validation_failed", message: "The request has invalid fields.", fields: { title: ["Enter a title."] } } }]);

    expect((await answer(new ApiError(413, "payload_too_large", "Too big."))).status).toBe(413);
  });

  it("answers JSON that is never cached", async () => {
    const { headers } = await answer(new NotFoundError("x"));
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers an unexpected error with 500, logs it, and does not leak its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error("relation staff_passwords leaked at /srv/app/lib/x.ts:12");
    const { status, body } = await answer(secret);
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side. It has been logged." } });
    expect(JSON.stringify(body)).not.toContain("leaked");
    expect(log).toHaveBeenCalledWith("[api] unexpected error", secret);
  });

  it("answers 500 for thrown values that are not errors", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await answer("a string")).status).toBe(500);
    expect((await answer(undefined)).status).toBe(500);
    expect((await answer(null)).status).toBe(500);
  });

  it("answers 503 with Retry-After when the database is unreachable", async () => {
    const down = Object.assign(new Error("Can't reach database server"), { code: "P1001" });
    const { status, body, headers } = await answer(down);
    expect(status).toBe(503);
    expect(body.error.code).toBe("unavailable");
    expect(headers.get("Retry-After")).toBe("5");
    expect(isDatabaseUnavailable(new Error("SQLITE_BUSY: database is locked"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
  });
});
