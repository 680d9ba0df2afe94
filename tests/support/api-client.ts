// A few calls to a running server, as a script author would make them.
import { SESSION_COOKIE_BASE } from "../../lib/auth/session-cookie.ts";

export async function issueToken(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, name: "tests" }),
  });
  if (response.status !== 201) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
}

const decodeEntities = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * The login page's form, filled in: its hidden fields (the server action's) plus email and
 * password. Only the form with the email field: the page has others (the passkey sign-in).
 */
export function loginForm(loginPageHtml: string, email: string, password: string): FormData {
  const fields = [...loginPageHtml.matchAll(/<form[^>]*>((?:(?!<\/form>)[\s\S])*)<\/form>/g)].map((match) => match[1]!).find((body) => body.includes('name="email"'));
  if (!fields) throw new Error("no login form with an email field on the page");
  const form = new FormData();
  for (const [, name, value] of fields.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) {
    form.set(decodeEntities(name!), decodeEntities(value ?? ""));
  }
  form.set("email", email);
  form.set("password", password);
  return form;
}

/** Logs in by posting the login page's form, as a browser without JavaScript would. */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const form = loginForm(await (await fetch(`${baseUrl}/login`)).text(), email, password);
  const response = await fetch(`${baseUrl}/login`, { method: "POST", body: form, redirect: "manual", headers: { Origin: baseUrl } });
  const cookie = sessionCookieFrom(response.headers);
  if (!cookie) throw new Error(`login did not set a session cookie (${response.status})`);
  return cookie;
}

/** The session cookie's `name=value` pair a login answer sets, ready for a Cookie header. */
export function sessionCookieFrom(headers: Headers): string | null {
  const cookie = headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE_BASE}=`));
  return cookie ? cookie.split(";")[0]! : null;
}

/** Presses the header's Log out button, as a browser without JavaScript would. */
export async function logoutCookie(baseUrl: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${baseUrl}/account/password`, { headers: { cookie } })).text();
  const logoutForm = /<form[^>]*>((?:(?!<\/form>)[\s\S])*?)Log out<\/button><\/form>/.exec(html)?.[1];
  if (!logoutForm) throw new Error("no Log out form on the page");
  const form = new FormData();
  for (const [, name, value] of logoutForm.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) {
    form.set(decodeEntities(name!), decodeEntities(value ?? ""));
  }
  const response = await fetch(`${baseUrl}/account/password`, { method: "POST", body: form, redirect: "manual", headers: { cookie, Origin: baseUrl } });
  return response.status;
}

/**
 * A password an administrator sets through the API is temporary (the person must choose their
 * own before any write). These suites' people are scripts' own accounts: mark the password as
 * theirs in the server's database, as choosing it on /account/password would.
 */
export async function keepPassword(databaseUrl: string, email: string): Promise<void> {
  const { createDb } = await import("../../lib/db/client.ts");
  const db = createDb(databaseUrl);
  try {
    await db.password.updateMany({ where: { user: { email } }, data: { mustChange: false } });
  } finally {
    await db.$disconnect();
  }
}

/**
 * A staff member made through the API by an administrator (token `adminToken`), whose
 * password is then their own (keepPassword). Answers the user's id.
 */
export async function createStaffMember(
  server: { url: string; databaseUrl: string },
  adminToken: string,
  person: { email: string; password: string; firstName: string; lastName: string },
): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/staff`, {
    method: "POST",
    headers: bearer(adminToken),
    body: JSON.stringify({ ...person, roles: ["staff"] }),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/v1/staff answered ${response.status}: ${body}`);
  await keepPassword(server.databaseUrl, person.email);
  return (JSON.parse(body) as { user: { id: string } }).user.id;
}
