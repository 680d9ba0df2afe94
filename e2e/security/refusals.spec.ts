// Nothing a client sends yields a 500 (PRODUCT.md, JSON API), also on pages and server
// actions: action arguments React cannot decode, unknown methods, a malformed router state
// header and tampered bound ids are answered 400, 404 or 405, and each refusal is one
// warning line in the server's log, never a stack trace. lib/http/action-arguments.ts,
// lib/http/methods.ts, lib/http/router-state.ts, lib/forms/bound-arguments.ts.
import { request as httpRequest } from "node:http";
import type { Page } from "@playwright/test";
import { startDedicatedServer } from "../support/dedicated-server";
import { ADMIN } from "../support/env";
import { EVIL_ORIGIN, expect, formEntries, hiddenFields, newContext, postLogin, test, toFormData } from "../support/security";

const NESTED = "[".repeat(5000) + "]".repeat(5000);
const BAD_ARGUMENTS: [string, string][] = [
  ['["$Q2"] (a Map in a part that is not there)', '["$Q2"]'],
  ['["$F1"] (another server action)', '["$F1"]'],
  ["5,000 nested arrays", NESTED],
];

/** The id of the server action behind a page's first form (Next.js writes it into $ACTION_n:0). */
async function loginActionId(baseURL: string): Promise<string> {
  const fields = hiddenFields(await (await fetch(`${baseURL}/login`)).text());
  const root = Object.entries(fields).find(([name]) => /^\$ACTION_\d+:0$/.test(name))!;
  return (JSON.parse(root[1]) as { id: string }).id;
}

const callAction = (baseURL: string, path: string, actionId: string, body: string, cookie?: string) =>
  fetch(`${baseURL}${path}`, {
    method: "POST",
    body,
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", origin: baseURL, ...(cookie ? { cookie } : {}) },
  });

/** A client-router request whose Next-Router-State-Tree is garbage, at the address Next.js sends it to. */
async function routerRequest(baseURL: string, path: string, tree: string, cookie?: string): Promise<number> {
  const headers = { RSC: "1", "Next-Router-State-Tree": tree, ...(cookie ? { cookie } : {}) };
  const first = await fetch(`${baseURL}${path}`, { headers, redirect: "manual" });
  const location = first.headers.get("location");
  if (first.status !== 307 || !location) return first.status;
  return (await fetch(new URL(location, baseURL), { headers, redirect: "manual" })).status;
}

/** fetch cannot send TRACE or TRACK: node:http can. */
function rawRequest(url: string, method: string, headers: Record<string, string> = {}): Promise<{ status: number; allow: string | null; type: string | null }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, allow: response.headers.allow ?? null, type: response.headers["content-type"] ?? null }));
    });
    request.on("error", reject);
    request.end();
  });
}

async function methodAnswers(baseURL: string, cookie?: string) {
  const answers: { label: string; status: number; allow: string | null; type: string | null }[] = [];
  for (const path of ["/login", "/", "/admin/staff", "/no/such/page", "/api/v1/todos"]) {
    for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE", "OPTIONS"]) {
      if (path.startsWith("/api/") && !["TRACE", "PROPFIND"].includes(method)) continue;
      answers.push({ label: `${method} ${path}`, ...(await rawRequest(`${baseURL}${path}`, method, cookie ? { cookie } : {})) });
    }
  }
  return answers;
}

test.describe("pages and actions answer what a client got wrong, never 500", () => {
  test("action arguments React cannot decode: 400, logged in or not", async ({ baseURL, createPerson }) => {
    const actionId = await loginActionId(baseURL!);
    const member = (await postLogin(baseURL!, await createPerson())).cookie!;
    for (const [label, body] of BAD_ARGUMENTS) {
      expect((await callAction(baseURL!, "/login", actionId, body)).status, `${label}, not logged in`).toBe(400);
      expect((await callAction(baseURL!, "/", actionId, body, member)).status, `${label}, logged in`).toBe(400);
    }
    // A well-formed call still reaches the action.
    expect((await callAction(baseURL!, "/login", actionId, '[{"status":"idle"},"$K1"]')).status).toBe(200);
  });

  test("methods pages do not take: 405 with Allow; TRACE on the API: 405 JSON", async ({ baseURL, createPerson }) => {
    const member = (await postLogin(baseURL!, await createPerson())).cookie!;
    for (const cookie of [undefined, member]) {
      for (const answer of await methodAnswers(baseURL!, cookie)) {
        expect(answer.status, `${answer.label} (${cookie ? "logged in" : "not logged in"})`).toBe(405);
        if (answer.label.includes("/api/")) expect(answer.type, answer.label).toContain("application/json");
        else expect(answer.allow, answer.label).toBe("GET, HEAD, POST");
      }
    }
  });

  test("a malformed Next-Router-State-Tree: 400", async ({ baseURL, createPerson }) => {
    const member = (await postLogin(baseURL!, await createPerson())).cookie!;
    for (const tree of ["garbage", "%5B", "%ZZ", encodeURIComponent('{"children":1}'), encodeURIComponent("[".repeat(3000))]) {
      expect(await routerRequest(baseURL!, "/login", tree), `/login ${tree.slice(0, 12)}`).toBe(400);
      expect(await routerRequest(baseURL!, "/", tree, member), `/ ${tree.slice(0, 12)}`).toBe(400);
    }
    expect(await routerRequest(baseURL!, "/login", encodeURIComponent('["",{"children":["__PAGE__",{}]}]')), "a well-formed tree").toBe(200);
  });
});

type Tampered = { label: string; value: unknown };
const TAMPERED: Tampered[] = [
  { label: "an object", value: { a: 1 } },
  { label: "a negative number", value: -1 },
  { label: "a fraction", value: 1.5 },
  { label: "an array", value: ["x"] },
  { label: "a long string", value: "x".repeat(5000) },
  { label: "null", value: null },
];

/** The admin's staff forms, posted without JavaScript with the bound id replaced. */
async function postWithBoundId(page: Page, path: string, button: string, value: unknown): Promise<number> {
  await page.goto(path);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });
  const entries = await formEntries(form);
  const bound = entries.find(([name, text]) => /^\$ACTION_\d+:1$/.test(name) && text.startsWith("["));
  expect(bound, `${button}: the bound arguments`).toBeTruthy();
  const args = JSON.parse(bound![1]) as unknown[];
  args[0] = value;
  const origin = new URL(page.url()).origin;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const answer = await fetch(`${origin}${path}`, { method: "POST", body: toFormData(entries, { [bound![0]]: JSON.stringify(args) }), headers: { cookie, origin }, redirect: "manual" });
  return answer.status;
}

test("tampered bound ids in the staff and subject group actions name nothing: 404, and nothing changes", async ({ browser, createPerson, createGroup, db, login }) => {
  test.setTimeout(120_000);
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const target = await createPerson();
  const group = await createGroup("Bound");
  const { context, page } = await newContext(browser, { javaScriptEnabled: false });
  await login(page, admin);
  const forms: [string, string][] = [
    [`/admin/staff/${target.id}/edit`, "Save"],
    [`/admin/staff/${target.id}/edit`, "Log out everywhere"],
    [`/admin/staff/${target.id}/delete`, "Delete"],
    [`/admin/subject-groups/${group.id}/edit`, "Save"],
    [`/admin/subject-groups/${group.id}/delete`, "Delete"],
  ];
  for (const [path, button] of forms) {
    for (const { label, value } of TAMPERED) {
      const status = await postWithBoundId(page, path, button, value);
      expect(status, `${path} ${button} with ${label}`).toBe(404);
    }
  }
  expect(await db.user.count({ where: { id: target.id } })).toBe(1);
  expect(await db.subjectGroup.count({ where: { id: group.id } })).toBe(1);
  await context.close();
});

test("each refusal is one warning line in the server's log, without a stack trace", { tag: "@database-independent" }, async () => {
  test.setTimeout(180_000);
  const server = await startDedicatedServer("refusals");
  try {
    const actionId = await loginActionId(server.baseURL);
    for (const [, body] of BAD_ARGUMENTS) expect((await callAction(server.baseURL, "/login", actionId, body)).status).toBe(400);
    expect((await rawRequest(`${server.baseURL}/login`, "TRACE")).status).toBe(405);
    expect(await routerRequest(server.baseURL, "/login", "garbage")).toBe(400);
    const crossSite = await fetch(`${server.baseURL}/login`, { method: "POST", body: new FormData(), headers: { origin: EVIL_ORIGIN } });
    expect(crossSite.status).toBe(403);
    const admin = await postLogin(server.baseURL, ADMIN);
    const me = (await (await fetch(`${server.baseURL}/api/v1/me`, { headers: { cookie: admin.cookie! } })).json()) as { user: { id: string } };
    const editPage = await (await fetch(`${server.baseURL}/admin/staff/${me.user.id}/edit`, { headers: { cookie: admin.cookie! } })).text();
    const updateId = [...editPage.matchAll(/name="\$ACTION_\d+:0" value="([^"]+)"/g)].map((match) => JSON.parse(match[1]!.replace(/&quot;/g, '"')) as { id: string })[1]!.id;
    expect((await callAction(server.baseURL, `/admin/staff/${me.user.id}/edit`, updateId, '[{"a":1},{"status":"idle"},"$K1"]', admin.cookie!)).status).toBe(404);

    // Action ids this build does not have: Next.js' answers (409, 400), Staffroom's log line.
    for (const [id, status] of [["00".repeat(21), 409], ["garbage", 400]] as const) {
      const answer = await callAction(server.baseURL, "/login", id, "[]");
      expect(answer.status, id).toBe(status);
      expect(answer.headers.get("x-nextjs-action-not-found"), "Next.js' client reloads the page").toBe("1");
    }
    // Auth.js' errors that a client causes: a session cookie that is not ours, hostile callback addresses.
    const forged = "staffroom.session=garbage";
    expect((await fetch(`${server.baseURL}/api/auth/session`, { headers: { cookie: forged } })).status).toBe(200);
    expect((await fetch(`${server.baseURL}/`, { headers: { cookie: forged }, redirect: "manual" })).status).toBeLessThan(500);
    const signin = await fetch(`${server.baseURL}/api/auth/signin?callbackUrl=${encodeURIComponent("javascript:alert(1)")}`, { redirect: "manual" });
    expect(signin.status, "Auth.js' sign-in page with a hostile callbackUrl").toBeLessThan(400);
    const csrf = await fetch(`${server.baseURL}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const callback = await fetch(`${server.baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, callbackUrl: "\\\\evil.example" }),
      headers: { cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(callback.status, "a callback address that is no URL").toBe(302);
    // Home, on this site (Auth.js writes the host the server was started for: localhost).
    const home = new URL(callback.headers.get("location")!);
    expect(["127.0.0.1", "localhost"]).toContain(home.hostname);
    expect(home.pathname).toBe("/");

    const log = server.output();
    const refusals = log.split("\n").filter((line) => line.startsWith("[staffroom] refused"));
    expect(refusals.length, log).toBe(BAD_ARGUMENTS.length + 6);
    expect(log, "the forged cookie and the hostile address: warnings").toMatch(/^\[auth\] refused: a session cookie that is not one of ours/m);
    expect(log, "no stack trace").not.toMatch(/^\s+at /m);
    expect(log).not.toMatch(/⨯|Error:/);
  } finally {
    await server.stop();
  }
});
