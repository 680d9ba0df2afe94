// Sign-up (ALLOW_SIGNUP=true, its own server) as someone finding out which emails are taken,
// or making accounts in bulk: every sign-up from an address counts, taken email or new, and
// the one past the limit gets 429 with Retry-After (docs/product-additions.md, "Sign-up").
// The servers trust one proxy hop, so X-Forwarded-For is the client's address here.
import { ADDRESS_SLOWDOWN_FROM } from "../../lib/auth/throttle";
import { SIGNUP_BASE_URL } from "../support/env";
import { randomClientIp, uniqueEmail } from "../support/fixtures";
import { expect, test } from "../support/security";

const PASSWORD = "a-long-signup-passphrase-7";

function signup(email: string, ip: string): Promise<Response> {
  const username = `u${email.replace(/[^a-z0-9]/gi, "").slice(-20)}`;
  return fetch(`${SIGNUP_BASE_URL}/api/v1/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ email, firstName: "Sign", lastName: "Up", username, password: PASSWORD, confirmPassword: PASSWORD }),
  });
}

test("the sign-up past the limit from one address gets 429 with Retry-After; taken emails count too", async () => {
  test.setTimeout(180_000);
  const ip = randomClientIp();
  const taken = uniqueEmail();
  expect((await signup(taken, ip)).status, "the first sign-up").toBe(201);
  for (let index = 1; index < ADDRESS_SLOWDOWN_FROM; index += 1) {
    // The contract's 409 for a taken email stays; it costs an attempt like a new one.
    const [email, status] = index <= 3 ? [taken, 409] : [uniqueEmail(), 201];
    expect((await signup(email, ip)).status, `sign-up ${index + 1} of ${ADDRESS_SLOWDOWN_FROM}`).toBe(status);
  }
  const refused = await signup(uniqueEmail(), ip);
  expect(refused.status, `sign-up ${ADDRESS_SLOWDOWN_FROM + 1}`).toBe(429);
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${refused.headers.get("retry-after")}`).toBe(true);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("too_many_attempts");
  // Another address is not held back, and still learns nothing new: a taken email is a 409.
  expect((await signup(taken, randomClientIp())).status, "the taken email from elsewhere").toBe(409);
});
