import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-error.ts";
import { assertSameOrigin, authenticateRequest, parseBasicCredentials } from "./authenticate.ts";

const basic = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("parseBasicCredentials", () => {
  it("splits email and password at the first colon", () => {
    expect(parseBasicCredentials(basic("jo@school.org:violet-harbour-91"))).toEqual({ email: "jo@school.org", password: "violet-harbour-91" });
    expect(parseBasicCredentials(basic("jo@school.org:a:b:c"))).toEqual({ email: "jo@school.org", password: "a:b:c" });
  });

  it("keeps an empty password and multi-byte characters", () => {
    expect(parseBasicCredentials(basic("jo@school.org:"))).toEqual({ email: "jo@school.org", password: "" });
    expect(parseBasicCredentials(basic("zoë@school.org:pässwörd-日本"))).toEqual({ email: "zoë@school.org", password: "pässwörd-日本" });
  });

  it("refuses credentials without a colon or without an email", () => {
    expect(parseBasicCredentials(basic("jo@school.org"))).toBeNull();
    expect(parseBasicCredentials(basic(":password"))).toBeNull();
    expect(parseBasicCredentials("")).toBeNull();
    expect(parseBasicCredentials("!!!not base64!!!")).toBeNull();
  });
});

function write(headers: Record<string, string>, url = "http://localhost:3000/api/v1/todos") {
  return new Request(url, { method: "POST", headers });
}

function refusal(request: Request) {
  try {
    assertSameOrigin(request);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return { status: (error as ApiError).status, code: (error as ApiError).code };
  }
  return null;
}

describe("assertSameOrigin", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("lets through a write whose Origin is this site", () => {
    expect(refusal(write({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBeNull();
  });

  it("refuses a write without an Origin header", () => {
    expect(refusal(write({ host: "localhost:3000" }))).toEqual({ status: 403, code: "cross_origin_refused" });
  });

  it("refuses a write from another site, another port or another scheme", () => {
    for (const origin of ["https://evil.example", "http://localhost:3001", "https://localhost:3000", "null", "http://localhost:3000.evil.example"]) {
      expect(refusal(write({ host: "localhost:3000", origin })), origin).toEqual({ status: 403, code: "cross_origin_refused" });
    }
  });

  it("uses the forwarded host and scheme behind a proxy", () => {
    expect(refusal(write({ host: "127.0.0.1:3000", "x-forwarded-host": "staff.school.org", "x-forwarded-proto": "https", origin: "https://staff.school.org" }))).toBeNull();
    expect(refusal(write({ host: "127.0.0.1:3000", "x-forwarded-host": "staff.school.org", "x-forwarded-proto": "https", origin: "http://127.0.0.1:3000" }))).toEqual({
      status: 403,
      code: "cross_origin_refused",
    });
  });

  it("accepts the public origin configured in AUTH_URL", () => {
    vi.stubEnv("AUTH_URL", "https://staff.school.org/some/path");
    expect(refusal(write({ host: "10.0.0.5:3000", origin: "https://staff.school.org" }))).toBeNull();
    expect(refusal(write({ host: "10.0.0.5:3000", origin: "https://other.school.org" }))).toEqual({ status: 403, code: "cross_origin_refused" });
  });
});

describe("authenticateRequest with HTTP Basic", () => {
  const noCookie = async () => null;
  const basicWrite = (origin?: string) =>
    new Request("http://localhost:3000/api/v1/todos/clear-completed", {
      method: "POST",
      headers: { host: "localhost:3000", authorization: `Basic ${basic("jo@school.org:violet-harbour-91")}`, ...(origin ? { origin } : {}) },
    });

  it("refuses a write whose Origin is another site (browsers re-send cached Basic credentials), before checking the password", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const error = await authenticateRequest(basicWrite(origin), noCookie).then(() => null, (e: unknown) => e);
      expect(error, origin).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe("cross_origin_refused");
    }
  });
});
