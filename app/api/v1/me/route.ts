import { apiRoute, otherMethods } from "@/lib/api/api-route";
import { mustChangePassword } from "@/lib/auth/password-store";
import { db } from "@/lib/db/client";
import { getOwnProfile } from "@/lib/staff/profile";

/** The seed's verify_auth: who am I? */
export const GET = apiRoute({
  access: "user",
  // passwordChangeRequired tells a script why its writes answer 403 password_change_required.
  handler: async ({ user }) => ({ user: await getOwnProfile(db, user), passwordChangeRequired: await mustChangePassword(db, user.id) }),
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
