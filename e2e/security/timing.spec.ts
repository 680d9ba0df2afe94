// An unknown email and a wrong password look the same (PRODUCT.md "Security promises"): the
// same status and message on every channel, and the same time. The time is the protection
// here: without the equivalent bcrypt work for unknown emails (lib/auth/password.ts,
// spendEquivalentWork) an unknown email answers in a few milliseconds and a wrong password
// after a cost-12 bcrypt check (~250 ms), which tells an attacker which emails have accounts.
import { performance } from "node:perf_hooks";
import type { APIRequestContext } from "@playwright/test";
import { randomClientIp, uniqueEmail, type Person } from "../support/fixtures";
import { expect, postLogin, test } from "../support/security";

const WRONG = "Not-the-password-1";
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

test("the same status and message for an unknown email and a wrong password, on every channel", async ({ request, createPerson, baseURL }) => {
  const person = await createPerson();
  const answers = async (email: string) => {
    const ip = randomClientIp();
    const token = await request.post("/api/v1/tokens", { data: { email, password: WRONG }, headers: { "x-forwarded-for": ip } });
    const basicAnswer = await request.get("/api/v1/me", { headers: { Authorization: basic(email, WRONG), "x-forwarded-for": ip } });
    const login = await postLogin(baseURL!, { email, password: WRONG }, { ip });
    // The page's alert, with the email it echoes back taken out.
    const alert = /role="alert"[^>]*>([^<]*)</.exec(login.html)?.[1];
    return {
      token: [token.status(), await token.json(), token.headers()["www-authenticate"]],
      basic: [basicAnswer.status(), await basicAnswer.json(), basicAnswer.headers()["www-authenticate"]],
      login: [login.status, login.cookie, alert],
    };
  };
  const [unknown, wrong] = [await answers(uniqueEmail("nobody")), await answers(person.email)];
  expect(wrong.token[0]).toBe(401);
  expect(wrong.login).toEqual([200, null, "Invalid email or password."]);
  expect(unknown).toEqual(wrong);
});

test("the same time, within noise, for an unknown email and a wrong password", async ({ request, createPerson, db }) => {
  test.setTimeout(180_000);
  const ROUNDS = 15;
  // Accounts whose hashes have the server's cost (the fixtures hash cheaply; a first login
  // re-hashes at cost 12), each used for at most 3 failures, so that no lock interferes.
  const accounts: Person[] = [];
  for (let i = 0; i < 5; i++) {
    const person = await createPerson();
    const first = await request.post("/api/v1/tokens", { data: { email: person.email, password: person.password }, headers: { "x-forwarded-for": randomClientIp() } });
    expect(first.status()).toBe(201);
    const { hash } = await db.password.findUniqueOrThrow({ where: { userId: person.id } });
    expect(hash, "re-hashed at the production cost").toMatch(/^\$2[aby]\$12\$/);
    accounts.push(person);
  }

  const attempt = async (client: APIRequestContext, email: string) => {
    const started = performance.now();
    const response = await client.post("/api/v1/tokens", { data: { email, password: WRONG }, headers: { "x-forwarded-for": randomClientIp() } });
    const elapsed = performance.now() - started;
    expect(response.status()).toBe(401);
    return elapsed;
  };

  // One of each first, unmeasured: the server makes its equaliser hash on first use.
  await attempt(request, uniqueEmail("nobody"));
  await attempt(request, accounts[0]!.email);

  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, alternating which goes first, so that load on the machine falls on both alike.
    const account = accounts[round % accounts.length]!.email;
    if (round % 2 === 0) {
      unknown.push(await attempt(request, uniqueEmail("nobody")));
      wrong.push(await attempt(request, account));
    } else {
      wrong.push(await attempt(request, account));
      unknown.push(await attempt(request, uniqueEmail("nobody")));
    }
  }

  const [a, b] = [median(unknown), median(wrong)];
  const report = `median ${a.toFixed(0)} ms for an unknown email, ${b.toFixed(0)} ms for a wrong password`;
  test.info().annotations.push({ type: "timing", description: report });
  // A generous bound: noise on a busy machine passes, a missing bcrypt check (~250 ms) does not.
  expect(Math.abs(a - b), report).toBeLessThan(Math.max(100, 0.5 * Math.max(a, b)));
});
