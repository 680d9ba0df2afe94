import { describe, expect, it } from "vitest";
import { formPostLimitFor, isCrossOriginPost, MAX_FORM_POST_BYTES, refuseFormPost } from "./form-post-guard.ts";

const PAGE = "http://127.0.0.1:3000/admin/staff/new";

function form(fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return new Request(PAGE, { method: "POST", body, headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", ...headers } });
}

function streamed(size: number, headers: Record<string, string>): Request {
  const chunk = new Uint8Array(64 * 1024);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      controller.enqueue(chunk.subarray(0, Math.min(chunk.length, size - sent)));
      sent += chunk.length;
    },
  });
  return new Request(PAGE, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
}

describe("isCrossOriginPost", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("accepts the site's own origin (lib/http/same-origin.ts decides what that is)", () => {
    expect(isCrossOriginPost(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }), PAGE)).toBe(false);
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "staff.example.org", "x-forwarded-proto": "https", origin: "https://staff.example.org" };
    expect(isCrossOriginPost(headers(proxied), PAGE)).toBe(false);
  });

  it("lets a post without Origin through (not a browser, so no ambient cookies to abuse)", () => {
    expect(isCrossOriginPost(headers({ host: "127.0.0.1:3000" }), PAGE)).toBe(false);
  });

  it("refuses another origin, another port, the opaque origin null and an unreadable Origin", () => {
    for (const origin of ["https://evil.example", "http://127.0.0.1:3001", "null", "::not a url::"]) {
      expect(isCrossOriginPost(headers({ host: "127.0.0.1:3000", origin }), PAGE), origin).toBe(true);
    }
    expect(isCrossOriginPost(headers({ origin: "http://127.0.0.1:3000" }), "not a url")).toBe(true);
  });
});

describe("refuseFormPost", () => {
  it("lets a same-origin form through, and leaves other methods alone", async () => {
    expect(await refuseFormPost(form({ name: "Maths" }))).toBeNull();
    expect(await refuseFormPost(new Request(PAGE, { headers: { origin: "https://evil.example" } }))).toBeNull();
  });

  it("answers a cross-origin post with 403", async () => {
    const response = await refuseFormPost(form({ name: "Maths" }, { origin: "https://evil.example" }));
    expect(response?.status).toBe(403);
  });

  it("answers 413 for a body over the limit, declared or streamed without a length", async () => {
    const declared = form({ name: "x".repeat(MAX_FORM_POST_BYTES) });
    expect((await refuseFormPost(declared))?.status).toBe(413);
    const chunked = streamed(MAX_FORM_POST_BYTES + 1, { "content-type": "multipart/form-data; boundary=x" });
    expect((await refuseFormPost(chunked))?.status).toBe(413);
    expect((await refuseFormPost(form({ name: "x".repeat(100) }), 50))?.status).toBe(413);
  });

  it("answers 400 for a script's action call whose body is not a JSON array of arguments", async () => {
    const call = (body: string, type = "text/plain;charset=UTF-8") =>
      new Request(PAGE, { method: "POST", body, headers: { "content-type": type, "next-action": "7f00", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" } });
    for (const body of ["garbage{", '"a string"', '{"a":1}', ""]) expect((await refuseFormPost(call(body)))?.status, body).toBe(400);
    expect(await refuseFormPost(call('[{"status":"idle"},"$K1"]'))).toBeNull();
    const withForm = (root: string | null) => {
      const body = new FormData();
      if (root !== null) body.set("0", root);
      body.set("1_name", "Maths");
      return new Request(PAGE, { method: "POST", body, headers: { "next-action": "7f00", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" } });
    };
    expect(await refuseFormPost(withForm('[{"status":"idle"},"$K1"]'))).toBeNull();
    for (const root of [null, "garbage{", '{"a":1}']) expect((await refuseFormPost(withForm(root)))?.status, String(root)).toBe(400);
    // Without the header it is no script's call: a plain post of the page, left to Next.js.
    expect(await refuseFormPost(new Request(PAGE, { method: "POST", body: "garbage{", headers: { "content-type": "text/plain" } }))).toBeNull();
  });

  it("answers 400 for a multipart body that is not a form", async () => {
    const garbage = new Request(PAGE, { method: "POST", body: "--x\r\nnot a part", headers: { "content-type": "multipart/form-data; boundary=x" } });
    const response = await refuseFormPost(garbage);
    expect(response?.status).toBe(400);
    expect(await response?.text()).toBe("The form could not be read.\n");
  });
});

describe("the size limit per page", () => {
  it("is 1 MB everywhere but the CSV import, which takes a 2 MB file (3 MB with the form around it)", async () => {
    expect(formPostLimitFor("/admin/staff/new")).toBe(MAX_FORM_POST_BYTES);
    expect(formPostLimitFor("/admin/staff/import")).toBe(3 * 1024 * 1024);
    expect(formPostLimitFor("/admin/staff/import/")).toBe(MAX_FORM_POST_BYTES);
    const post = (bytes: number) =>
      new Request("http://127.0.0.1/admin/staff/import", { method: "POST", headers: { "content-length": String(bytes) }, body: "x" });
    expect((await refuseFormPost(post(2 * 1024 * 1024), formPostLimitFor("/admin/staff/import")))?.status).not.toBe(413);
    expect((await refuseFormPost(post(2 * 1024 * 1024)))?.status).toBe(413);
  });
});
