import { apiRoute, noContent, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { revokeApiToken } from "@/lib/tokens/token-service";
import { numericIdParams } from "@/lib/validation/params";

/** Revokes one of the caller's tokens at once; anyone else's id is 404. */
export const DELETE = apiRoute({
  access: "user",
  params: numericIdParams,
  handler: async ({ user, params }) => {
    await revokeApiToken(db, user, params.id);
    return noContent();
  },
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
