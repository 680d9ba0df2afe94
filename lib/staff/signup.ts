// Self sign-up (seed 001), when ALLOW_SIGNUP=true: the new person gets the staff role and
// nothing more. Off by default: a school's accounts are made by its administrators.
import { SYSTEM } from "../identity/caller.ts";
import { STAFF_ROLE } from "../identity/current-user.ts";
import { signupAllowed } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { createStaff } from "./staff-service.ts";
import type { StaffJson } from "./staff-json.ts";

export type SignupInput = { email: string; firstName: string; lastName: string; username: string; password: string };

export function assertSignupAllowed(): void {
  if (!signupAllowed()) throw new NotFoundError("Sign-up is not available here. Ask an administrator for an account.");
}

export async function signUp(db: Db, input: SignupInput, context: { ip?: string | null } = {}): Promise<StaffJson> {
  assertSignupAllowed();
  return createStaff(
    db,
    SYSTEM,
    { ...input, subjectGroupId: null, roles: [STAFF_ROLE], active: true },
    { ip: context.ip, auditAction: "signup.completed" },
  );
}
