// Helpers for the security suite (e2e/security/): logging in without a browser to hold a
// session cookie, reading a real form's fields (Next.js' hidden $ACTION_ fields included),
// and things owned by one test to point routes at.
import { randomUUID } from "node:crypto";
import type { APIResponse, Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { SETS_SESSION_COOKIE } from "../../lib/auth/session-cookie";
import type { CurrentUser } from "../../lib/identity/current-user";
import { createApiToken } from "../../lib/tokens/token-service";
import { createTodo } from "../../lib/todos/todo-service";
import { expect, test as base } from "./admin";
import { BASE_URL } from "./env";
import type { Person } from "./fixtures";
import { randomClientIp } from "./fixtures";
import type { RouteIds } from "./routes";

export { SESSION_COOKIE_BASE as SESSION_COOKIE } from "../../lib/auth/session-cookie";
export const EVIL_ORIGIN = "https://evil.example";

export function asCurrentUser(person: Person): CurrentUser {
  return { id: person.id, email: person.email, firstName: person.firstName, lastName: person.lastName, username: null, roles: person.roles, isAdmin: person.roles.includes("admin") };
}

const decodeEntities = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden fields of the first form on a page's HTML (Next.js' $ACTION_ fields, and the form's own). */
export function hiddenFields(html: string): Record<string, string> {
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) fields[decodeEntities(name!)] = decodeEntities(value ?? "");
  return fields;
}

export type LoginAnswer = { status: number; location: string | null; setCookies: string[]; cookie: string | null; html: string };

/** Posts the login page's form as a browser without JavaScript would (same origin unless told). */
export async function postLogin(
  baseURL: string,
  fields: { email: string; password: string; remember?: boolean; callbackUrl?: string },
  options: { ip?: string; origin?: string | null; cookie?: string } = {},
): Promise<LoginAnswer> {
  const ip = options.ip ?? randomClientIp();
  const page = await fetch(`${baseURL}/login`, { headers: { "x-forwarded-for": ip } });
  const form = new FormData();
  for (const [name, value] of Object.entries(hiddenFields(await page.text()))) form.set(name, value);
  form.set("email", fields.email);
  form.set("password", fields.password);
  if (fields.remember) form.set("remember", "on");
  if (fields.callbackUrl !== undefined) form.set("callbackUrl", fields.callbackUrl);
  const headers: Record<string, string> = { "x-forwarded-for": ip };
  if (options.origin !== null) headers.Origin = options.origin ?? baseURL;
  if (options.cookie) headers.cookie = options.cookie;
  const response = await fetch(`${baseURL}/login`, { method: "POST", body: form, redirect: "manual", headers });
  const html = await response.text();
  const setCookies = response.headers.getSetCookie();
  const session = setCookies.find((value) => SETS_SESSION_COOKIE.test(value));
  return { status: response.status, location: response.headers.get("location"), setCookies, cookie: session ? session.split(";")[0]! : null, html };
}

/** A session cookie ("name=value") for a person, from a real login. */
export async function loginCookie(person: Pick<Person, "email" | "password">, options: { ip?: string; baseURL?: string } = {}): Promise<string> {
  const answer = await postLogin(options.baseURL ?? BASE_URL, person, { ip: options.ip });
  expect(answer.cookie, `login of ${person.email} (${answer.status})`).not.toBeNull();
  return answer.cookie!;
}

/** Which answers mean "sent to the login page": the middleware's 303, a page's own 307. */
export function expectLoginRedirect(response: APIResponse, label: string): void {
  expect([303, 307], `${label}: status`).toContain(response.status());
  const location = new URL(response.headers().location ?? "", BASE_URL);
  expect(location.pathname, `${label}: location`).toBe("/login");
}

export async function expectApiError(response: APIResponse, status: number, code: string, label = ""): Promise<void> {
  expect(response.status(), `${label} status`).toBe(status);
  expect(response.headers()["content-type"], `${label} content type`).toContain("application/json");
  expect((await response.json()).error.code, `${label} code`).toBe(code);
}

/** A browser context of its own (own cookies, own client address), optionally without JavaScript. */
export async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean; ip?: string; baseURL?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    extraHTTPHeaders: { "x-forwarded-for": options.ip ?? randomClientIp() },
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  return { context, page: await context.newPage() };
}

/** A form's fields as the browser would post them (FormData of the form element), as pairs. */
export async function formEntries(form: Locator): Promise<[string, string][]> {
  return form.evaluate((element) =>
    [...new FormData(element as HTMLFormElement).entries()].map(([name, value]) => [name, typeof value === "string" ? value : ""] as [string, string]),
  );
}

export function toFormData(entries: [string, string][], overrides: Record<string, string | string[]> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of entries) if (!(name in overrides)) form.append(name, value);
  for (const [name, value] of Object.entries(overrides)) for (const item of [value].flat()) form.append(name, item);
  return form;
}

/** A short unique text, so that parallel tests never find each other's rows. */
export const unique = () => randomUUID().slice(0, 8);

type SecurityFixtures = {
  /** A staff member with a todo and an API token: things that belong to someone. */
  owner: { person: Person; todoId: number; tokenId: number; token: string };
  /** Real ids for every dynamic route segment. */
  ids: RouteIds;
};

export const test = base.extend<SecurityFixtures>({
  owner: async ({ createPerson, db }, use) => {
    const person = await createPerson({ firstName: "Olive", lastName: `Owner ${unique()}` });
    const todo = await createTodo(db, asCurrentUser(person), { title: "Olive's own todo" });
    const { token, apiToken } = await createApiToken(db, asCurrentUser(person), "Olive's token");
    await use({ person, todoId: todo.id, tokenId: apiToken.id, token });
  },

  ids: async ({ owner, createGroup }, use) => {
    const group = await createGroup("Routes");
    await use({ staffId: owner.person.id, groupId: group.id, todoId: owner.todoId, tokenId: owner.tokenId });
  },
});

export { expect };
