// People for unit tests of the data rules, made through the same createStaff as everyone
// else (as the system, the way the command line does).
import { randomUUID } from "node:crypto";
import { SYSTEM } from "../identity/caller.ts";
import { ADMIN_ROLE, type CurrentUser } from "../identity/current-user.ts";
import type { Db } from "../db/client.ts";
import type { StaffJson } from "../staff/staff-json.ts";
import { createStaff, type StaffInput } from "../staff/staff-service.ts";

export const TEST_PASSWORD = "Unit-test-secret-913";

/** What the New staff form would send for a staff member, with a password they chose. */
export function staffInput(overrides: Partial<StaffInput> & { password?: string } = {}): StaffInput & { password: string } {
  return {
    email: `person-${randomUUID().slice(0, 8)}@unit.test`,
    firstName: "Pat",
    lastName: "Tester",
    username: null,
    subjectGroupId: null,
    roles: ["staff"],
    active: true,
    password: TEST_PASSWORD,
    ...overrides,
  };
}

export async function newStaff(db: Db, overrides: Partial<StaffInput> & { password?: string } = {}): Promise<StaffJson> {
  return createStaff(db, SYSTEM, staffInput(overrides));
}

export async function newAdmin(db: Db, overrides: Partial<StaffInput> = {}): Promise<StaffJson> {
  return newStaff(db, { roles: [ADMIN_ROLE, "staff"], ...overrides });
}

/** The caller as the DAL would hand it to a page or action. */
export function asCaller(person: StaffJson): CurrentUser {
  return {
    id: person.id,
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    username: person.username,
    roles: [...person.roles].sort(),
    isAdmin: person.roles.includes(ADMIN_ROLE),
  };
}
