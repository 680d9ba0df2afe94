// Auth.js (next-auth v5) with the Credentials provider, and sessions that live in the
// database (docs/decisions/001-sessions.md): Credentials only works with Auth.js' "jwt"
// strategy, so the JWT carries nothing but the id of a session row, which the `jwt` callback
// creates at login and checks on every later use.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { NextRequest } from "next/server";
import type {} from "next-auth/jwt";
import { rememberMeDays, servedOverHttps } from "../config/env.ts";
import { db } from "../db/client.ts";
import { clientIpFrom } from "../http/client-ip.ts";
import { loginSchema } from "../validation/auth.ts";
import { logAuthError } from "./auth-log.ts";
import { withSafeCallbackUrl } from "./auth-request.ts";
import { pathOnThisSite, safeCallbackPath } from "./callback-url.ts";
import { keepBrowserSessionCookie } from "./browser-session-cookie.ts";
import { authenticate } from "./credentials.ts";
import { sessionCookieName } from "./session-cookie.ts";
import { endSession, findSessionUser, startSession } from "./sessions.ts";
import { completePasskeyLogin } from "./passkeys/passkey-login.ts";
import { createChallenge } from "./two-factor/login-challenge.ts";
import { completeTwoFactorLogin } from "./two-factor/second-step.ts";

declare module "next-auth" {
  interface User {
    remember?: boolean;
    userAgent?: string | null;
    ip?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    /** "Remember me" at login: without it the cookie must end with the browser (lib/auth/browser-session-cookie.ts). */
    remember?: boolean;
  }
}

/** Thrown by `authorize` when attempts are throttled; the login page says when to retry. */
export class TooManyAttempts extends CredentialsSignin {
  override code = "throttled";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super();
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Thrown by `authorize` when the password was right and a code is needed: no session is
 * made. The token of the pending step travels only in this object, to the login action,
 * which puts it in an HttpOnly cookie; Auth.js' own endpoint never shows it to anyone.
 */
export class SecondFactorRequired extends CredentialsSignin {
  override code = "second_factor";
  readonly challengeToken: string;
  constructor(challengeToken: string) {
    super();
    this.challengeToken = challengeToken;
  }
}

/** The pending second step is unknown, used or expired: the person starts again at /login. */
export class LoginStepExpired extends CredentialsSignin {
  override code = "login_step_expired";
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export const authConfig = {
  session: { strategy: "jwt", maxAge: rememberMeDays() * 24 * 3600 },
  // The app runs behind its own server (server.ts) or a proxy the operator configured.
  trustHost: true,
  pages: { signIn: "/login" },
  cookies: {
    sessionToken: {
      name: sessionCookieName(),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: servedOverHttps() },
    },
  },
  providers: [
    Credentials({
      // Either the password step (email, password, remember, returnTo), the second step
      // (challenge, code), or a passkey (passkey: the ceremony's token, passkeyResponse: the
      // authenticator's answer): a password alone never makes a session for someone with
      // two-factor. (returnTo, not callbackUrl: Auth.js keeps that name for itself.)
      credentials: { email: {}, password: {}, remember: {}, returnTo: {}, challenge: {}, code: {}, passkey: {}, passkeyResponse: {} },
      async authorize(credentials, request) {
        const ip = clientIpFrom(request.headers);
        if (credentials?.passkey !== undefined) {
          const result = await completePasskeyLogin(db, text(credentials.passkey), text(credentials.passkeyResponse), ip);
          // Not remembered: the button is not part of the password form and its Remember me.
          if (result.ok) return { id: result.user.id, email: result.user.email, remember: false, ip, userAgent: request.headers.get("user-agent") };
          if (result.reason === "throttled") throw new TooManyAttempts(result.retryAfterSeconds);
          if (result.reason === "expired") throw new LoginStepExpired();
          return null;
        }
        if (credentials?.challenge !== undefined) {
          const result = await completeTwoFactorLogin(db, text(credentials.challenge), text(credentials.code), ip);
          if (result.ok) return { id: result.user.id, email: result.user.email, remember: result.remember, ip, userAgent: request.headers.get("user-agent") };
          if (result.reason === "throttled") throw new TooManyAttempts(result.retryAfterSeconds);
          if (result.reason === "expired") throw new LoginStepExpired();
          return null;
        }
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password, remember } = parsed.data;
        const result = await authenticate(db, { email, password, ip, channel: "login" });
        if (result.ok) return { id: result.user.id, email: result.user.email, remember, ip, userAgent: request.headers.get("user-agent") };
        if (result.reason === "throttled") throw new TooManyAttempts(result.retryAfterSeconds);
        if (result.reason === "second_factor") {
          const callbackUrl = safeCallbackPath(credentials?.returnTo);
          const { token } = await createChallenge(db, { purpose: "two-factor", userId: result.user.id, remember, callbackUrl });
          throw new SecondFactorRequired(token);
        }
        return null;
      },
    }),
  ],
  callbacks: {
    // Auth.js' own default parses the address first and fails (a 500) on one that is no URL.
    redirect({ url, baseUrl }) {
      return new URL(pathOnThisSite(url) ?? "/", baseUrl).toString();
    },
    async jwt({ token, user, trigger }) {
      if (trigger === "signIn" && user?.id) {
        const remember = user.remember === true;
        const session = await startSession(db, user.id, remember, { userAgent: user.userAgent, ip: user.ip });
        return { sub: user.id, sid: session.sessionToken, remember };
      }
      // Auth.js treats null as "logged out" and clears the cookie where it can.
      if (!token.sid || !(await findSessionUser(db, token.sid))) return null;
      return token;
    },
    session({ session, token }) {
      // Nothing but the id leaves through /api/auth/session: never the session token.
      return { ...session, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endSession(db, sid);
    },
  },
  logger: { error: logAuthError },
} satisfies NextAuthConfig;

const nextAuth = NextAuth(authConfig);
export const { signIn, signOut } = nextAuth;

// Auth.js' own routes set the session cookie again whenever they read a session; a cookie
// that was to end with the browser keeps no expiry.
export const handlers = {
  GET: async (request: NextRequest) => keepBrowserSessionCookie(await nextAuth.handlers.GET(await withSafeCallbackUrl(request))),
  POST: async (request: NextRequest) => keepBrowserSessionCookie(await nextAuth.handlers.POST(await withSafeCallbackUrl(request))),
};
