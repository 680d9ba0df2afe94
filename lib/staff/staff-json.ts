import { z } from "zod";
import { currentUserSelect, type SelectedUser } from "../identity/current-user.ts";

// A staff member as the API returns it and the admin screens show it. Never a password
// hash: it lives in another table that nothing here selects.
export const staffSelect = {
  ...currentUserSelect,
  createdAt: true,
  currentLoginAt: true,
  invitedAt: true,
  twoFactor: { select: { enabledAt: true } },
  _count: { select: { passkeys: true } },
  roles: { select: { name: true }, orderBy: { name: "asc" } },
  subjectGroup: { select: { id: true, name: true } },
} as const;

export type StaffRow = SelectedUser & {
  createdAt: Date;
  currentLoginAt: Date | null;
  invitedAt: Date | null;
  twoFactor: { enabledAt: Date | null } | null;
  _count: { passkeys: number };
  subjectGroup: { id: number; name: string } | null;
};

export const staffJsonSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    username: z.string().nullable(),
    roles: z.array(z.string()),
    subjectGroup: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable().meta({ description: "The most recent login, null if never" }),
    invited: z.boolean().meta({ description: "Invited to choose a password and not done so yet" }),
    twoFactor: z.boolean().meta({ description: "Has two-factor authentication: an authenticator app turned on, or at least one passkey" }),
  })
  .meta({ id: "User" });

export type StaffJson = z.infer<typeof staffJsonSchema>;

/** The same rule as hasTwoFactor (lib/auth/two-factor/two-factor-service.ts), from what a row holds. */
export const hasSecondFactor = (appTurnedOn: boolean, hasPasskey: boolean): boolean => appTurnedOn || hasPasskey;

export function toStaffJson(row: StaffRow): StaffJson {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    username: row.username,
    roles: row.roles.map((role) => role.name),
    subjectGroup: row.subjectGroup,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.currentLoginAt?.toISOString() ?? null,
    invited: row.invitedAt !== null,
    twoFactor: hasSecondFactor(Boolean(row.twoFactor?.enabledAt), row._count.passkeys > 0),
  };
}
