// Property-based: whatever a client sends to a write endpoint (any JSON value, odd unicode,
// huge numbers, deep nesting, bytes that are not JSON at all), the answer is never a 5xx
// and always the documented error shape when it is an error.
import fc from "fast-check";
import type { APIRequestContext } from "@playwright/test";
import { SIGNUP_BASE_URL } from "./support/env";
import { expect, test } from "./support/fixtures";

const API = "/api/v1";
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const oddStrings = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("", " ", "\u0000", "\ud800", "\u202e", "💥".repeat(200), "<script>alert(1)</script>", "' OR 1=1 --", "a".repeat(5000)),
);
const oddNumbers = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.5));
const fieldValue = fc.oneof(oddStrings, oddNumbers, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));

/** Bodies shaped like the real ones, with every field possibly odd, plus arbitrary JSON. */
function bodies(fields: string[]) {
  return fc.oneof(
    fc.record(Object.fromEntries(fields.map((name) => [name, fieldValue])), { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 4 }),
    fc.dictionary(oddStrings, fieldValue, { maxKeys: 5 }),
  );
}

const rawBodies = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)),
);

async function checkAnswer(response: Awaited<ReturnType<APIRequestContext["fetch"]>>, label: string) {
  const status = response.status();
  expect(status, label).toBeLessThan(500);
  if (status >= 400) {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, label).toBe("string");
    expect(typeof body.error?.message, label).toBe("string");
  }
}

test.describe.configure({ timeout: 120_000 });

test("write endpoints never answer 5xx to generated bodies", async ({ request, playwright, createPerson, clientIp }) => {
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const tokenResponse = await request.post(`${API}/tokens`, { data: { email: admin.email, password: admin.password } });
  const headers = { Authorization: `Bearer ${(await tokenResponse.json()).token}` };
  const groupResponse = await request.post(`${API}/subject-groups`, { headers, data: { name: `Fuzz ${Date.now()}` } });
  const groupId = (await groupResponse.json()).subjectGroup.id;
  const signup = await playwright.request.newContext({ baseURL: SIGNUP_BASE_URL, extraHTTPHeaders: { "x-forwarded-for": clientIp } });

  const endpoints: { method: string; path: string; fields: string[]; client?: APIRequestContext }[] = [
    { method: "POST", path: "/tokens", fields: ["email", "password", "name"] },
    { method: "POST", path: "/staff", fields: ["email", "firstName", "lastName", "username", "subjectGroupId", "roles", "active", "password"] },
    { method: "PATCH", path: `/staff/${admin.id}`, fields: ["firstName", "lastName", "username", "subjectGroupId"] },
    { method: "POST", path: "/subject-groups", fields: ["name"] },
    { method: "PATCH", path: `/subject-groups/${groupId}`, fields: ["name"] },
    { method: "POST", path: "/signup", fields: ["email", "firstName", "lastName", "username", "password", "confirmPassword"], client: signup },
  ];

  for (const endpoint of endpoints) {
    const client = endpoint.client ?? request;
    await fc.assert(
      fc.asyncProperty(bodies(endpoint.fields), async (body: unknown) => {
        const response = await client.fetch(`${API}${endpoint.path}`, {
          method: endpoint.method,
          headers: { ...headers, "Content-Type": "application/json" },
          data: Buffer.from(JSON.stringify(body) ?? "null"),
        });
        await checkAnswer(response, `${endpoint.method} ${endpoint.path} ${JSON.stringify(body)?.slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(rawBodies, async (raw) => {
        const response = await client.fetch(`${API}${endpoint.path}`, {
          method: endpoint.method,
          headers: { ...headers, "Content-Type": "application/json" },
          data: raw,
        });
        await checkAnswer(response, `${endpoint.method} ${endpoint.path} raw ${raw.toString("hex").slice(0, 80)}`);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }
  await signup.dispose();
});

test("odd ids in paths are 404s, never 5xx", async ({ request, createPerson }) => {
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const tokenResponse = await request.post(`${API}/tokens`, { data: { email: admin.email, password: admin.password } });
  const headers = { Authorization: `Bearer ${(await tokenResponse.json()).token}` };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("/staff/", "/subject-groups/", "/tokens/"),
      // Never a small number: that could name a real group that another test is using.
      fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("0", "-1", "1e9", "99999999999999999999", "%00", "..%2F..", "1;DROP TABLE")).filter((id) => !/^\s*\d{1,12}\s*$/.test(id)),
      async (prefix, id) => {
        const response = await request.fetch(`${API}${prefix}${encodeURIComponent(id)}`, { method: "DELETE", headers });
        await checkAnswer(response, `${prefix}${id}`);
      },
    ),
    { numRuns: RUNS },
  );
});
