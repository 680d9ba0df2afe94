// Oversized and malformed bodies: every API write endpoint answers 413 or 400 JSON (never a
// 5xx, never a change), and a server action answers 413 or 400 (lib/http/form-post-guard.ts)
// instead of the 500 Next.js would give.
import { createApiToken } from "../../lib/tokens/token-service";
import { createTodo } from "../../lib/todos/todo-service";
import { SIGNUP_BASE_URL } from "../support/env";
import { apiCalls, type RouteIds } from "../support/routes";
import { asCurrentUser, expect, formEntries, newContext, test, toFormData } from "../support/security";

const MB = 1024 * 1024;

/** A body that arrives in chunks with no Content-Length (chunked transfer encoding). */
function chunked(size: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      controller.enqueue(chunk.subarray(0, Math.min(chunk.length, size - sent)));
      sent += chunk.length;
    },
  });
}

type Answer = { status: number; type: string; code?: string };

async function send(url: string, method: string, headers: Record<string, string>, body: BodyInit | ReadableStream<Uint8Array>): Promise<Answer> {
  const response = await fetch(url, { method, headers, body, duplex: "half", redirect: "manual" } as RequestInit);
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  const code = type.includes("json") ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
  return { status: response.status, type, code };
}

const deepJson = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

const MALFORMED: { label: string; contentType?: string; body: () => BodyInit | ReadableStream<Uint8Array>; status: number; code: string }[] = [
  { label: "cut-off JSON", body: () => '{"name": "x', status: 400, code: "invalid_json" },
  { label: "not JSON at all", body: () => "name=x&title=y", status: 400, code: "invalid_json" },
  { label: "an empty body", body: () => "", status: 400, code: "invalid_json" },
  { label: "bytes that are not UTF-8", body: () => new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 400, code: "invalid_json" },
  { label: "a form instead of JSON", contentType: "application/x-www-form-urlencoded", body: () => "name=x", status: 400, code: "unsupported_content_type" },
  { label: "text/plain (what a cross-site form can send)", contentType: "text/plain", body: () => '{"name":"x"}', status: 400, code: "unsupported_content_type" },
  { label: "no content type", contentType: "", body: () => '{"name":"x"}', status: 400, code: "unsupported_content_type" },
  { label: "over 1 MB, declared", body: () => JSON.stringify({ name: "x".repeat(MB) }), status: 413, code: "payload_too_large" },
  { label: "over 1 MB, chunked without a length", body: () => chunked(MB + 1), status: 413, code: "payload_too_large" },
];

/** Valid JSON of the wrong shape: refused as a validation failure (or, for a body-less route, ignored). */
const ODD_JSON = ["null", "[]", '"a string"', "1e999", "-0", deepJson(100_000), '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}'];

test.describe("API write endpoints", () => {
  test("answer malformed and oversized bodies with 400 and 413 JSON, and change nothing", async ({ createPerson, createGroup, db, baseURL }) => {
    test.setTimeout(120_000);
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const target = await createPerson();
    const group = await createGroup("Bodies");
    const todo = await createTodo(db, asCurrentUser(admin), { title: "Unchanged" });
    const { token, apiToken } = await createApiToken(db, asCurrentUser(admin), "bodies");
    const ids: RouteIds = { staffId: target.id, groupId: group.id, todoId: todo.id, tokenId: apiToken.id };
    const snapshot = async () =>
      JSON.stringify([
        await db.todo.findMany({ where: { ownerId: admin.id }, select: { title: true, completed: true, order: true } }),
        await db.user.findUniqueOrThrow({ where: { id: target.id }, select: { firstName: true, lastName: true, active: true, email: true } }),
        await db.subjectGroup.findUniqueOrThrow({ where: { id: group.id }, select: { name: true } }),
        await db.apiToken.count({ where: { userId: admin.id } }),
      ]);
    const before = await snapshot();

    // Every method that reads a body (clear-completed reads none: see the next test).
    const writes = [
      ...apiCalls(ids, "user", "admin", "credentials").filter((call) => ["POST", "PUT", "PATCH"].includes(call.method) && !call.route.endsWith("clear-completed")),
      { route: "/api/v1/signup", method: "POST", path: `${SIGNUP_BASE_URL}/api/v1/signup` },
    ];
    expect(writes.length).toBe(12);
    for (const call of writes) {
      const url = call.path.startsWith("http") ? call.path : `${baseURL}${call.path}`;
      for (const bad of MALFORMED) {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
        if (bad.contentType !== "") headers["Content-Type"] = bad.contentType ?? "application/json";
        const answer = await send(url, call.method, headers, bad.body());
        expect(answer, `${call.method} ${call.route}: ${bad.label}`).toEqual({ status: bad.status, type: "application/json", code: bad.code });
      }
      for (const odd of ODD_JSON) {
        const answer = await send(url, call.method, { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, odd);
        expect(answer.status, `${call.method} ${call.route}: ${odd.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${call.method} ${call.route}: ${odd.slice(0, 40)}`).toBeLessThan(500);
        expect(answer.type).toBe("application/json");
      }
    }
    expect(await snapshot()).toBe(before);
    expect(await db.user.count({ where: { roles: { some: { name: "admin" } }, id: target.id } })).toBe(0);
  });

  test("a route that reads no body is not upset by one, however large", async ({ owner, baseURL }) => {
    for (const body of [JSON.stringify({ x: "x".repeat(2 * MB) }), "garbage"]) {
      const answer = await send(`${baseURL}/api/v1/todos/clear-completed`, "POST", { Authorization: `Bearer ${owner.token}`, "Content-Type": "application/json" }, body);
      expect(answer.status).toBe(200);
    }
  });
});

test.describe("a server action", () => {
  test("answers oversized and unreadable posts with 413 and 400, never a 500, and nothing is created", async ({ browser, createPerson, login, groupName, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const { context, page } = await newContext(browser, { javaScriptEnabled: false });
    await login(page, admin);
    await page.goto("/admin/subject-groups/new");
    const entries = await formEntries(page.locator("main form"));
    const origin = new URL(page.url()).origin;
    const url = `${origin}/admin/subject-groups/new`;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const name = groupName("Body");
    const actionId = (JSON.parse(entries.find(([field]) => /^\$ACTION_\d+:0$/.test(field))![1]) as { id: string }).id;

    const form = (value: string) => toFormData(entries, { name: value });
    const headers = { cookie, Origin: origin };
    const answers: [string, Answer, number][] = [
      ["a form over 1 MB", await send(url, "POST", headers, form(`${name} ${"x".repeat(MB)}`)), 413],
      ["a chunked body over 1 MB", await send(url, "POST", { ...headers, "Content-Type": "multipart/form-data; boundary=x" }, chunked(MB + 1)), 413],
      ["multipart that is not", await send(url, "POST", { ...headers, "Content-Type": "multipart/form-data; boundary=x" }, "--x\r\ngarbage"), 400],
      ["multipart without a boundary", await send(url, "POST", { ...headers, "Content-Type": "multipart/form-data" }, "--x\r\n"), 400],
    ];
    for (const [label, answer, status] of answers) expect(answer.status, label).toBe(status);

    // A page's script calls the action with a Next-Action header and React-encoded arguments:
    // tampered calls get a 400 from the guard, or reach the action, which reads them as an
    // empty form (lib/forms/form-data.ts) and answers with its error; no 500 either way.
    const script = { ...headers, "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8" };
    const multipart = (root: string | null) => {
      const body = new FormData();
      if (root !== null) body.set("0", root);
      body.set("1_name", name);
      return body;
    };
    for (const [label, extra, body, expected] of [
      ["arguments that are not JSON", script, "garbage{", 400],
      ["arguments that are not a list", script, '{"a":1}', 400],
      ["a form whose arguments field is not JSON", { ...headers, "Next-Action": actionId }, multipart("garbage{"), 400],
      ["a form without its arguments field", { ...headers, "Next-Action": actionId }, multipart(null), 400],
      ["no arguments", script, "[]", 200],
      ["arguments of the wrong kind", script, '["$K1", 42]', 200],
      // Next.js' own answers (409, 400): the point is that they are not 500s.
      ["an unknown action id", { ...script, "Next-Action": "00".repeat(21) }, "[]", "4xx"],
      ["a malformed action id", { ...script, "Next-Action": "garbage" }, "[]", "4xx"],
    ] as const) {
      const { status } = await send(url, "POST", extra, body);
      if (expected === "4xx") expect(Math.floor(status / 100), `${label}: ${status}`).toBe(4);
      else expect(status, label).toBe(expected);
    }

    expect(await db.subjectGroup.count({ where: { name: { startsWith: name } } })).toBe(0);
    // The same form, as it should be, works.
    expect((await send(url, "POST", headers, form(name))).status).toBe(303);
    expect(await db.subjectGroup.count({ where: { name } })).toBe(1);
    await context.close();
  });
});
