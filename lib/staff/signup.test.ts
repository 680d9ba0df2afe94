import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticate } from "../auth/credentials.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { Db } from "../db/client.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { signupBodySchema } from "../validation/auth.ts";
import { assertSignupAllowed, signUp } from "./signup.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

beforeEach(() => {
  vi.stubEnv("ALLOW_SIGNUP", "true");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** What the route and the page pass on: the body, parsed as they parse it. */
const person = (overrides: Record<string, string> = {}) =>
  signupBodySchema.parse({ email: "ada@school.org", firstName: "Ada", lastName: "Lovelace", username: "ada1815", password: "analytical-engine-1843", ...overrides });

describe("signUp", () => {
  it("is not found unless ALLOW_SIGNUP is true, and creates nobody", async () => {
    for (const value of [undefined, "", "false", "0", "off"]) {
      vi.stubEnv("ALLOW_SIGNUP", value);
      expect(() => assertSignupAllowed(), String(value)).toThrow(NotFoundError);
      await expect(signUp(db, person())).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.user.count()).toBe(0);
  });

  it("creates an active account with the staff role only, that can log in", async () => {
    const user = await signUp(db, person(), { ip: "192.0.2.1" });
    expect(user).toMatchObject({ email: "ada@school.org", firstName: "Ada", lastName: "Lovelace", username: "ada1815", roles: ["staff"], active: true, subjectGroup: null });
    expect(await authenticate(db, { email: "ada@school.org", password: "analytical-engine-1843", ip: "192.0.2.1", channel: "login" })).toMatchObject({
      ok: true,
      user: { isAdmin: false, roles: ["staff"] },
    });
  });

  it("ignores anything but the sign-up fields, so nobody signs up as an administrator", async () => {
    const sneaky = { ...person(), roles: ["admin"], active: false, subjectGroupId: 1 } as Parameters<typeof signUp>[1];
    const user = await signUp(db, sneaky);
    expect(user).toMatchObject({ roles: ["staff"], active: true, subjectGroup: null });
  });

  it("refuses a taken email, whatever its case, with a conflict on the email field", async () => {
    await signUp(db, person());
    const error = await signUp(db, person({ email: "ADA@School.org", username: "other42" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual({ email: ["Another account already uses this email address."] });
    expect(await db.user.count()).toBe(1);
  });

  it("refuses a taken username, whatever its case, with a conflict on the username field", async () => {
    await newStaff(db, { email: "grace@school.org", firstName: "Grace", lastName: "Hopper", username: "Ada1815" });
    const error = await signUp(db, person({ username: "ADA1815" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual({ username: ["Another account already uses this username."] });
  });

  it("writes signup.completed, by the new person, with their address", async () => {
    const user = await signUp(db, person(), { ip: "192.0.2.1" });
    const entries = await db.auditEvent.findMany({ where: { action: "signup.completed" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: user.id, actorEmail: "ada@school.org", targetId: user.id, targetEmail: "ada@school.org", ip: "192.0.2.1" });
    expect(entries[0]!.details).not.toContain("analytical");
    expect(await db.auditEvent.count({ where: { action: "staff.created" } })).toBe(0);
  });
});

describe("signUp's throttle", () => {
  it("counts every sign-up from an address, taken emails too, and refuses the one past the limit with a wait", async () => {
    const { ADDRESS_SLOWDOWN_FROM } = await import("../auth/throttle.ts");
    const { TooManyRequestsError } = await import("../errors.ts");
    await signUp(db, person({ email: "first@school.org", username: "first1" }), { ip: "192.0.2.7" });
    for (let index = 1; index < ADDRESS_SLOWDOWN_FROM; index += 1) {
      // A taken email (a 409) costs an attempt like a new one does.
      const email = index < 4 ? "FIRST@school.org" : `new${index}@school.org`;
      await signUp(db, person({ email, username: `user${index}x` }), { ip: "192.0.2.7" }).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
    }
    const refused = await signUp(db, person({ email: "late@school.org", username: "late1" }), { ip: "192.0.2.7" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as InstanceType<typeof TooManyRequestsError>).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as Error).message).toMatch(/^Too many sign-ups from your network\. Try again in \d+ seconds?\.$/);
    expect(await db.user.findUnique({ where: { email: "late@school.org" } })).toBeNull();
    // Another address is not held back.
    await expect(signUp(db, person({ email: "late@school.org", username: "late1" }), { ip: "192.0.2.8" })).resolves.toMatchObject({ email: "late@school.org" });
  });
});
