import { apiRoute, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { getOwnProfile } from "@/lib/staff/profile";

/** The seed's verify_auth: who am I? */
export const GET = apiRoute({
  access: "user",
  handler: async ({ user }) => ({ user: await getOwnProfile(db, user) }),
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
