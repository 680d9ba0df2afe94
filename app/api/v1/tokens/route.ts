import { apiRoute, assertPasswordIsNotTemporary, created, otherMethods } from "@/lib/api/api-route";
import { ApiError, invalidCode, tooManyAttempts, twoFactorRequired, unauthorized } from "@/lib/api/api-error";
import { authenticate } from "@/lib/auth/credentials";
import { getCurrentSession } from "@/lib/auth/dal";
import { isRecentlyConfirmed } from "@/lib/auth/reauth";
import { reauthMinutes } from "@/lib/config/env";
import { completeCodeLogin } from "@/lib/auth/two-factor/second-step";
import { db } from "@/lib/db/client";
import { getOwnProfile } from "@/lib/staff/profile";
import { createApiToken, listApiTokens } from "@/lib/tokens/token-service";
import { createTokenBodySchema } from "@/lib/validation/tokens";

/** Seed 003's flow: post credentials, get a token (shown once). Or, already authenticated, just ask. */
export const POST = apiRoute({
  access: "public",
  optionalAuth: true,
  body: createTokenBodySchema,
  handler: async ({ body, user: caller, method, ip }) => {
    let owner = caller;
    if (body.email !== undefined && body.password !== undefined) {
      const result = await authenticate(db, { email: body.email, password: body.password, ip, channel: "token" });
      if (result.ok) owner = result.user;
      else if (result.reason === "throttled") throw tooManyAttempts(result.retryAfterSeconds);
      else if (result.reason !== "second_factor") throw unauthorized("Invalid email or password.");
      else if (body.code === undefined) throw twoFactorRequired("This account uses two-factor authentication: send the code from the authenticator app as \"code\".");
      else {
        const check = await completeCodeLogin(db, result.user, body.code, ip, "token");
        if (!check.ok) throw check.reason === "throttled" ? tooManyAttempts(check.retryAfterSeconds) : invalidCode();
        owner = result.user;
      }
    }
    if (!owner) throw unauthorized("Send your email and password, or authenticate the request.");
    // A browser session is the one caller that has not just shown a secret: like the tokens
    // page, it needs a sign-in or confirmation within REAUTH_MINUTES.
    if (owner === caller && method === "cookie") {
      const session = await getCurrentSession();
      if (!session || !isRecentlyConfirmed(session.confirmedAt, reauthMinutes())) {
        throw new ApiError(403, "reauthentication_required", "Confirm it's you at /account/confirm first, or send your email and password.");
      }
    }
    await assertPasswordIsNotTemporary(owner.id);
    const { token, apiToken } = await createApiToken(db, owner, body.name ?? "API token");
    return created({ token, expiresAt: apiToken.expiresAt, tokenId: apiToken.id, user: await getOwnProfile(db, owner) });
  },
});

export const GET = apiRoute({
  access: "user",
  handler: async ({ user }) => ({ tokens: await listApiTokens(db, user) }),
});

export const { PUT, PATCH, DELETE } = otherMethods("POST", "GET");
