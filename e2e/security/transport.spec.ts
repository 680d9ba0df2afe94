// The transport and the machine: HSTS when the public URL is https (never over http), what
// is believed of a proxy's headers (TRUST_PROXY), and who may read the data folder.
// docs/operations.md.
import fs from "node:fs";
import path from "node:path";
import { startDedicatedServer } from "../support/dedicated-server";
import { ADMIN, DATA_DIR } from "../support/env";
import { randomClientIp } from "../support/fixtures";
import { EVIL_ORIGIN, expect, hiddenFields, postLogin, test, unique } from "../support/security";

const HSTS = "max-age=31536000; includeSubDomains";

/** One of each kind of answer: page, redirect, refusal, API, Auth.js, static file, 404. */
async function answersOf(baseURL: string, cookie?: string): Promise<[string, Response][]> {
  const login = await fetch(`${baseURL}/login`);
  const html = await login.text();
  const asset = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset, "a static script on the login page").toBeTruthy();
  const crossSite = new FormData();
  for (const [name, value] of Object.entries(hiddenFields(html))) crossSite.set(name, value);
  return [
    ["the login page", login],
    ["the middleware's redirect", await fetch(`${baseURL}/admin/staff`, { redirect: "manual" })],
    ["a page of a logged-in person", await fetch(`${baseURL}/`, { headers: cookie ? { cookie } : {} })],
    ["a refused cross-site form post", await fetch(`${baseURL}/login`, { method: "POST", body: crossSite, headers: { origin: EVIL_ORIGIN }, redirect: "manual" })],
    ["an API 401", await fetch(`${baseURL}/api/v1/me`)],
    ["the health check", await fetch(`${baseURL}/api/health`)],
    ["Auth.js' session endpoint", await fetch(`${baseURL}/api/auth/session`)],
    ["a static file", await fetch(`${baseURL}${asset}`)],
    ["the 404 page", await fetch(`${baseURL}/no/such/page`, { headers: cookie ? { cookie } : {} })],
  ];
}

test("over plain http no response has Strict-Transport-Security", async ({ baseURL }) => {
  for (const [label, answer] of await answersOf(baseURL!)) expect(answer.headers.get("strict-transport-security"), label).toBeNull();
});

test("a forwarded address that is no IP address is not believed: the socket's goes into the audit log", async ({ request, createPerson, db }) => {
  const person = await createPerson();
  const junk = `${"x".repeat(6000)}`;
  for (const forwarded of [junk, "not-an-address", `${randomClientIp()}, 999.1.2.3`]) {
    const answer = await request.post("/api/v1/tokens", { data: { email: person.email, password: "Not-the-password-1" }, headers: { "x-forwarded-for": forwarded } });
    expect(answer.status(), forwarded.slice(0, 20)).toBe(401);
  }
  const entries = await db.auditEvent.findMany({ where: { action: "login.failed", targetId: person.id }, select: { ip: true } });
  expect(entries.map((entry) => entry.ip)).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
});

test.describe("behind https (AUTH_URL=https://…), no proxy trusted (TRUST_PROXY=0), a data folder of its own", { tag: "@database-independent" }, () => {
  test.describe.configure({ mode: "serial" });
  let server: Awaited<ReturnType<typeof startDedicatedServer>>;
  const folder = path.join(DATA_DIR, `private-${unique()}`);

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startDedicatedServer("transport", { AUTH_URL: "https://staff.example.test", TRUST_PROXY: "0", STAFFROOM_DATA_DIR: folder });
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const adminCookie = async () => {
    const answer = await postLogin(server.baseURL, ADMIN);
    expect(answer.cookie, `admin login (${answer.status})`).toBeTruthy();
    return answer.cookie!;
  };

  test("every response has Strict-Transport-Security for a year, subdomains included", async () => {
    for (const [label, answer] of await answersOf(server.baseURL, await adminCookie())) {
      expect(answer.headers.get("strict-transport-security"), label).toBe(HSTS);
    }
  });

  test("X-Forwarded-Host and -Proto from a client are not believed: another site's Origin stays another site's", async () => {
    const cookie = await adminCookie();
    const forged = { origin: EVIL_ORIGIN, "x-forwarded-host": new URL(EVIL_ORIGIN).host, "x-forwarded-proto": "https" };
    const write = await fetch(`${server.baseURL}/api/v1/todos`, {
      method: "POST",
      headers: { ...forged, cookie, "content-type": "application/json" },
      body: JSON.stringify({ title: "written from another site" }),
    });
    expect(write.status, "a cookie-authenticated API write").toBe(403);
    expect((await write.json()).error.code).toBe("cross_origin_refused");

    // The page's first form (the header's Log out), posted as if from the forged origin.
    const page = await fetch(`${server.baseURL}/account/password`, { headers: { cookie } });
    const form = new FormData();
    for (const [name, value] of Object.entries(hiddenFields(await page.text()))) form.set(name, value);
    const post = await fetch(`${server.baseURL}/account/password`, { method: "POST", body: form, headers: { ...forged, cookie }, redirect: "manual" });
    expect(post.status, "a form post").toBe(403);
    // The page's own origin still works: the check is not simply shut.
    const own = await fetch(`${server.baseURL}/api/v1/todos`, {
      method: "POST",
      headers: { origin: server.baseURL, cookie, "content-type": "application/json" },
      body: JSON.stringify({ title: "written here" }),
    });
    expect(own.status).toBe(201);
  });

  test("the data folder is 0700; the database and its -wal and -shm files are 0600", async () => {
    await adminCookie(); // a write, so that SQLite has its -wal and -shm open
    const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
    expect(mode(folder), "the data folder").toBe("700");
    for (const suffix of ["", "-wal", "-shm"]) expect(mode(server.databaseFile + suffix), `the database${suffix}`).toBe("600");
  });
});
