import { apiRoute, created, otherMethods } from "@/lib/api/api-route";
import { db } from "@/lib/db/client";
import { assertSignupAllowed, signUp } from "@/lib/staff/signup";
import { createApiToken } from "@/lib/tokens/token-service";
import { signupBodySchema } from "@/lib/validation/auth";

/** Seed 001's signup, when ALLOW_SIGNUP=true (404 otherwise): 201 with a token, 409 if taken. */
export const POST = apiRoute({
  access: "public",
  available: assertSignupAllowed,
  body: signupBodySchema,
  handler: async ({ body, ip }) => {
    const { confirmPassword: _confirm, ...input } = body;
    const user = await signUp(db, input, { ip });
    const { token, apiToken } = await createApiToken(db, user, "Sign-up");
    return created({ token, expiresAt: apiToken.expiresAt, tokenId: apiToken.id, user });
  },
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
