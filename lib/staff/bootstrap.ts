// Start-up data: the built-in roles, and a first administrator when there is none
// (PRODUCT.md, "Operations"). Safe to run on every start, by several instances at once.
import { randomBytes } from "node:crypto";
import { SYSTEM } from "../identity/caller.ts";
import { ADMIN_ROLE, STAFF_ROLE } from "../identity/current-user.ts";
import { firstAdminSettings } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { emailSchema, newPasswordSchema } from "../validation/fields.ts";
import { createStaff } from "./staff-service.ts";

export const BUILT_IN_ROLES = [
  { name: ADMIN_ROLE, description: "Manages staff accounts, roles and subject groups" },
  { name: STAFF_ROLE, description: "A member of staff" },
] as const;

export const GENERATED_ADMIN_EMAIL = "admin@staffroom.local";

export async function ensureRoles(db: Db): Promise<void> {
  for (const role of BUILT_IN_ROLES) {
    try {
      await db.role.upsert({ where: { name: role.name }, create: role, update: {} });
    } catch (error) {
      // Another instance created it between our read and our write: that is fine.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

export type FirstAdminOutcome =
  | { created: false }
  | { created: true; email: string; generatedPassword: string | null };

/**
 * Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD when no active
 * administrator exists. Without them it makes one with a generated password, which the
 * caller prints once: nobody is ever locked out of a fresh install.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: Record<string, string | undefined> = firstAdminSettings(),
): Promise<FirstAdminOutcome> {
  const admins = await db.user.count({ where: { active: true, roles: { some: { name: ADMIN_ROLE } } } });
  if (admins > 0) return { created: false };

  const emailResult = emailSchema.safeParse(env.ADMIN_EMAIL?.trim() || GENERATED_ADMIN_EMAIL);
  if (!emailResult.success) throw new Error(`ADMIN_EMAIL: ${emailResult.error.issues[0]?.message}`);
  const email = emailResult.data;
  const generatedPassword = env.ADMIN_PASSWORD ? null : randomBytes(15).toString("base64url");
  const password = env.ADMIN_PASSWORD || generatedPassword!;
  const passwordResult = newPasswordSchema({ email }).safeParse(password);
  if (!passwordResult.success) throw new Error(`ADMIN_PASSWORD: ${passwordResult.error.issues[0]?.message}`);

  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new Error(
      `No active administrator exists, and ${email} is already an account: grant it the admin role with ` +
        `"npm run staff -- grant ${email} admin" (and reactivate it if needed), or set ADMIN_EMAIL to another address.`,
    );
  }
  try {
    await createStaff(db, SYSTEM, {
      email,
      firstName: "Staffroom",
      lastName: "Administrator",
      username: null,
      subjectGroupId: null,
      roles: [ADMIN_ROLE, STAFF_ROLE],
      active: true,
      password,
    }, { temporaryPassword: generatedPassword !== null });
  } catch (error) {
    // Two instances starting at once: the other one created it.
    if ((error as Error).name === "ConflictError") return { created: false };
    throw error;
  }
  return { created: true, email, generatedPassword };
}
