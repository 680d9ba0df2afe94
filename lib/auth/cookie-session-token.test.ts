import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authSecret } from "../config/env";
import { sessionTokenFromCookie } from "./cookie-session-token";
import { sessionCookieName } from "./session-cookie";

const cookieFor = (payload: Record<string, unknown>, maxAge = 3600) => encode({ token: payload, secret: authSecret()!, salt: sessionCookieName(), maxAge });

describe("sessionTokenFromCookie", () => {
  it("reads the session id out of a cookie the server made, again from the cache", async () => {
    const cookie = await cookieFor({ sub: "u1", sid: "session-1" });
    expect(await sessionTokenFromCookie(cookie)).toBe("session-1");
    expect(await sessionTokenFromCookie(cookie)).toBe("session-1");
  });

  it("gives nothing for a cookie that is not ours, has no session id or has expired", async () => {
    expect(await sessionTokenFromCookie("garbage")).toBeNull();
    expect(await sessionTokenFromCookie(await cookieFor({ sub: "u1" }))).toBeNull();
    expect(await sessionTokenFromCookie(await cookieFor({ sub: "u1", sid: "old" }, -120))).toBeNull();
  });
});
