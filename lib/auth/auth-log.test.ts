import { describe, expect, it } from "vitest";
import { refusalLine } from "./auth-log";

describe("refusalLine: Auth.js' reports sorted into refusals and real errors", () => {
  it("gives a client's doing one warning line, a wrong password none", () => {
    expect(refusalLine({ type: "JWTSessionError" })).toMatch(/^\[auth\] refused: a session cookie that is not one of ours/);
    expect(refusalLine({ type: "InvalidCallbackUrl" })).toMatch(/not on this site/);
    expect(refusalLine(Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input: "\\\\evil.example\n[forged]" }))).toBe(
      '[auth] refused: an address that is no URL, "\\\\\\\\evil.example\\n[forged]"',
    );
    expect(refusalLine({ type: "CredentialsSignin" })).toBe("");
  });

  it("keeps everything else an error, with its stack trace", () => {
    expect(refusalLine(new Error("database is locked"))).toBeNull();
    expect(refusalLine({ type: "AdapterError" })).toBeNull();
    expect(refusalLine(undefined)).toBeNull();
  });
});
