import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.ts";
import { MAX_BODY_BYTES, readJsonBody } from "./request-body.ts";

const URL = "http://localhost:3000/api/v1/todos";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request(URL, { method: "POST", body, headers });
}

/** A body that arrives in pieces, with no Content-Length, as with chunked transfer encoding. */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = { "content-type": "application/json" }) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Request(URL, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
}

async function failure(request: Request, maxBytes?: number) {
  const error = await readJsonBody(request, maxBytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const { status, code } = error as ApiError;
  return { status, code };
}

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    expect(await readJsonBody(post('{"title":"Mark books","n":[1,2]}'))).toEqual({ title: "Mark books", n: [1, 2] });
  });

  it("accepts JSON media types with parameters and +json suffixes, in any case", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"]) {
      expect(await readJsonBody(post('{"a":1}', { "content-type": type })), type).toEqual({ a: 1 });
    }
  });

  it("parses multi-byte UTF-8, even split across chunks", async () => {
    const bytes = new TextEncoder().encode('{"title":"Zoë’s 日本語"}');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ë"
    expect(await readJsonBody(streamed([bytes.slice(0, split), bytes.slice(split)]))).toEqual({ title: "Zoë’s 日本語" });
  });

  it("refuses a body that is not declared as JSON with 400", async () => {
    expect(await failure(post('{"a":1}', { "content-type": "text/plain" }))).toEqual({ status: 400, code: "unsupported_content_type" });
    expect(await failure(post('{"a":1}', { "content-type": "application/x-www-form-urlencoded" }))).toEqual({ status: 400, code: "unsupported_content_type" });
    expect(await failure(post('{"a":1}', { "content-type": "application/jsonp" }))).toEqual({ status: 400, code: "unsupported_content_type" });
    expect(await failure(post('{"a":1}', {}))).toEqual({ status: 400, code: "unsupported_content_type" });
  });

  it("answers a body cut off by the client going away with 400, not as an unexpected error", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"title":"Mark'));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const request = new Request(URL, { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(await failure(request)).toEqual({ status: 400, code: "incomplete_body" });
  });

  it("refuses malformed JSON with 400", async () => {
    for (const body of ['{"a":', "{a:1}", "undefined", "{'a':1}", '{"a":1}}']) {
      expect(await failure(post(body)), body).toEqual({ status: 400, code: "invalid_json" });
    }
  });

  it("refuses an empty or blank body with 400", async () => {
    expect(await failure(post(null))).toEqual({ status: 400, code: "invalid_json" });
    expect(await failure(post(""))).toEqual({ status: 400, code: "invalid_json" });
    expect(await failure(post("  \n "))).toEqual({ status: 400, code: "invalid_json" });
  });

  it("refuses invalid UTF-8 with 400", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    expect(await failure(post(bytes))).toEqual({ status: 400, code: "invalid_json" });
  });

  it("accepts exactly 1 MB", async () => {
    const body = `"${"x".repeat(MAX_BODY_BYTES - 2)}"`;
    expect(((await readJsonBody(post(body))) as string).length).toBe(MAX_BODY_BYTES - 2);
  });

  it("refuses more than 1 MB with 413 when Content-Length says so, before reading", async () => {
    const request = post("{}", { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) });
    expect(await failure(request)).toEqual({ status: 413, code: "payload_too_large" });
    expect(request.bodyUsed).toBe(false);
  });

  it("refuses more than 1 MB with 413 when there is no Content-Length", async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    expect(await failure(streamed([chunk, chunk, chunk, chunk, new Uint8Array([0x20])]))).toEqual({ status: 413, code: "payload_too_large" });
  });

  it("refuses more than 1 MB with 413 when Content-Length understates the body", async () => {
    const body = " ".repeat(MAX_BODY_BYTES + 1);
    expect(await failure(post(body, { "content-type": "application/json", "content-length": "2" }))).toEqual({ status: 413, code: "payload_too_large" });
  });

  it("honours a smaller limit", async () => {
    expect(await failure(post('{"a":"0123456789"}'), 10)).toEqual({ status: 413, code: "payload_too_large" });
  });
});
