// The shape of "who is asking", as every page, action and route handler sees it.
export type CurrentUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  roles: string[];
  isAdmin: boolean;
};

export const ADMIN_ROLE = "admin";
export const STAFF_ROLE = "staff";

/** The columns a CurrentUser is made of: the only user fields identity checks read. */
export const currentUserSelect = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  username: true,
  active: true,
  roles: { select: { name: true } },
} as const;

type SelectedUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  active: boolean;
  roles: { name: string }[];
};

/** Null for inactive staff: they can neither log in nor use a session or token. */
export function toCurrentUser(user: SelectedUser | null | undefined): CurrentUser | null {
  if (!user || !user.active) return null;
  const roles = user.roles.map((role) => role.name).sort();
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    roles,
    isAdmin: roles.includes(ADMIN_ROLE),
  };
}
