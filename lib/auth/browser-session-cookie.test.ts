import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { browserSessionSetCookie } from "./browser-session-cookie.ts";
import { SESSION_COOKIE_BASE } from "./session-cookie.ts";

const NAME = SESSION_COOKIE_BASE;
const secret = process.env.AUTH_SECRET!;
const token = (remember?: boolean) => encode({ token: { sub: "u1", sid: "s1", ...(remember === undefined ? {} : { remember }) }, secret, salt: NAME });
const line = (value: string) => `${NAME}=${value}; Path=/; Expires=Fri, 01 Jan 2038 00:00:00 GMT; Max-Age=2592000; HttpOnly; SameSite=Lax`;

describe("browserSessionSetCookie", () => {
  it("takes Expires and Max-Age off a session not to be remembered, and keeps the rest", async () => {
    const value = await token(false);
    expect(await browserSessionSetCookie(line(value), NAME)).toBe(`${NAME}=${value}; Path=/; HttpOnly; SameSite=Lax`);
    // A value that is no token of ours is not trusted to be remembered either.
    expect(await browserSessionSetCookie(line("x"), NAME)).toBe(`${NAME}=x; Path=/; HttpOnly; SameSite=Lax`);
  });

  it("treats a token without the flag (older logins) as not remembered", async () => {
    const value = await token();
    expect(await browserSessionSetCookie(line(value), NAME)).toBe(`${NAME}=${value}; Path=/; HttpOnly; SameSite=Lax`);
  });

  it("leaves a remembered session's expiry, Auth.js clearing the cookie, and other cookies alone", async () => {
    const remembered = line(await token(true));
    expect(await browserSessionSetCookie(remembered, NAME)).toBe(remembered);
    const cleared = `${NAME}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`;
    expect(await browserSessionSetCookie(cleared, NAME)).toBe(cleared);
    const other = "authjs.csrf-token=abc; Path=/; Max-Age=60";
    expect(await browserSessionSetCookie(other, NAME)).toBe(other);
  });
});
