// Who is calling the domain layer: a logged-in person, or the system itself (the command
// line, start-up, sign-up). The one rule for who may manage the school's data — staff,
// subject groups, the audit log — and its one message live here.
import { ForbiddenError } from "../errors.ts";
import type { CurrentUser } from "./current-user.ts";

export type Caller = CurrentUser | "system";

/** Who acted, as the audit log records it: a person, or null for the system. */
export type Actor = { id: string; email: string } | null;

export const SYSTEM: Caller = "system";

export const MANAGERS_ONLY = "Only administrators can do that.";

/** Refuses anyone but an administrator or the system; returns who to record as the actor. */
export function assertManager(caller: Caller): Actor {
  if (caller === "system") return null;
  if (!caller.isAdmin) throw new ForbiddenError(MANAGERS_ONLY);
  return { id: caller.id, email: caller.email };
}
