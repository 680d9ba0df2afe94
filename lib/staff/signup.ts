// Self sign-up (seed 001), when ALLOW_SIGNUP=true: the new person gets the staff role and
// nothing more. Off by default: a school's accounts are made by its administrators.
import { SYSTEM } from "../identity/caller.ts";
import { STAFF_ROLE } from "../identity/current-user.ts";
import { signupAllowed } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { claimAttempt } from "../auth/throttle.ts";
import { NotFoundError, TooManyRequestsError } from "../errors.ts";
import { describeWait } from "../http/retry-after.ts";
import { createStaff } from "./staff-service.ts";
import type { StaffJson } from "./staff-json.ts";

export type SignupInput = { email: string; firstName: string; lastName: string; username: string; password: string };

export function assertSignupAllowed(): void {
  if (!signupAllowed()) throw new NotFoundError("Sign-up is not available here. Ask an administrator for an account.");
}

/** Sign-ups are a throttle scope of their own: a flood of them must not slow anyone's login. */
export const SIGNUP_SCOPE = "signup";

/**
 * Every sign-up counts against its address, made or refused, under the throttle's rules
 * (docs/decisions/006): from one address, 50 in 15 minutes and then one each 10 seconds;
 * the same email 5 times from one address and that address waits out the window. That
 * bounds how fast anyone can find out which emails are taken (the 409 tells them).
 * A taken email costs what a new one does: createStaff hashes the password before it
 * tries the insert that finds the email taken.
 */
export async function signUp(db: Db, input: SignupInput, context: { ip?: string | null } = {}): Promise<StaffJson> {
  assertSignupAllowed();
  const attempt = await claimAttempt(db, SIGNUP_SCOPE, { account: input.email, address: context.ip ?? "unknown" });
  if (!attempt.allowed) {
    throw new TooManyRequestsError(`Too many sign-ups from your network. Try again in ${describeWait(attempt.retryAfterSeconds)}.`, attempt.retryAfterSeconds);
  }
  return createStaff(
    db,
    SYSTEM,
    { ...input, subjectGroupId: null, roles: [STAFF_ROLE], active: true },
    { ip: context.ip, auditAction: "signup.completed" },
  );
}
