// The wrapper every /api/v1 route handler is made with, so that none can forget a step:
// authenticate (and check the role), parse parameters, query and body with zod, run, and
// answer any failure in the one error format. Authorization is checked again by the
// domain functions the handlers call.
import "server-only";
import { cookies } from "next/headers";
import type { z } from "zod";
import { SENDS_SESSION_COOKIE, sessionCookieName } from "../auth/session-cookie.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { sessionTokenFromCookie } from "../auth/cookie-session-token.ts";
import { PASSWORD_CHANGE_REQUIRED_API } from "../auth/messages.ts";
import { mustChangePassword } from "../auth/password-store.ts";
import { db } from "../db/client.ts";
import { clientIpFrom } from "../http/client-ip.ts";
import { fieldErrors } from "../validation/fields.ts";
import { ApiError, errorResponse, validationFailed } from "./api-error.ts";
import { authenticateRequest, type AuthMethod } from "./authenticate.ts";
import { readJsonBody } from "./request-body.ts";

type Access = "public" | "user" | "admin";

type Context<Access, Body, Query, Params> = {
  request: Request;
  user: Access extends "public" ? CurrentUser | null : CurrentUser;
  method: AuthMethod | null;
  body: Body;
  query: Query;
  params: Params;
  ip: string;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };

async function readSessionToken(): Promise<string | null> {
  const cookie = (await cookies()).get(sessionCookieName())?.value;
  return cookie ? sessionTokenFromCookie(cookie) : null;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, onError: (fields: Record<string, string[]>) => ApiError): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw onError(fieldErrors(result.error));
  return result.data;
}

export function apiRoute<
  A extends Access,
  BodySchema extends z.ZodType = z.ZodUndefined,
  QuerySchema extends z.ZodType = z.ZodUndefined,
  ParamsSchema extends z.ZodType = z.ZodUndefined,
>(options: {
  access: A;
  body?: BodySchema;
  query?: QuerySchema;
  params?: ParamsSchema;
  /** Public routes may still use a caller when one is present (e.g. creating a token while logged in). */
  optionalAuth?: boolean;
  /** Throws (e.g. NotFoundError) when the route is switched off, before anything else is looked at. */
  available?: () => void;
  handler: (context: Context<A, z.output<BodySchema>, z.output<QuerySchema>, z.output<ParamsSchema>>) => Promise<Response | object>;
}) {
  return async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    try {
      options.available?.();
      let user: CurrentUser | null = null;
      let method: AuthMethod | null = null;
      const wantsCaller = options.access !== "public" || (options.optionalAuth && hasCredentials(request));
      if (wantsCaller) {
        ({ user, method } = await authenticateRequest(request, readSessionToken));
        if (options.access === "admin" && !user.isAdmin) throw new ApiError(403, "forbidden", "This needs the admin role.");
        if (WRITES.has(request.method)) await assertPasswordIsNotTemporary(user.id);
      }
      // A malformed id cannot name anything: "not found", like an id that does not exist.
      const params = options.params
        ? parseWith(options.params, await routeContext?.params, () => new ApiError(404, "not_found", "Nothing exists at this address."))
        : undefined;
      const query = options.query
        ? parseWith(options.query, Object.fromEntries(new URL(request.url).searchParams), validationFailed)
        : undefined;
      const body = options.body ? parseWith(options.body, await readJsonBody(request), validationFailed) : undefined;
      const result = await options.handler({
        request,
        user: user as never,
        method,
        body: body as never,
        query: query as never,
        params: params as never,
        ip: clientIpFrom(request.headers),
      });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Writes wait until a temporary password has been changed; reads (such as /me) still answer. */
export async function assertPasswordIsNotTemporary(userId: string): Promise<void> {
  if (await mustChangePassword(db, userId)) throw new ApiError(403, "password_change_required", PASSWORD_CHANGE_REQUIRED_API);
}

function hasCredentials(request: Request): boolean {
  return request.headers.has("authorization") || request.headers.has("authentication-token") || SENDS_SESSION_COOKIE.test(request.headers.get("cookie") ?? "");
}

export const created = (body: object) => Response.json(body, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * Handlers for the methods a route does not support, so that they too answer in the API's
 * JSON error format (Next.js would send an empty 405).
 */
export function otherMethods(...allowed: Method[]): Record<Method, () => Response> {
  const answer = () =>
    Response.json(
      { error: { code: "method_not_allowed", message: `Use ${allowed.join(" or ")} here.` } },
      { status: 405, headers: { Allow: allowed.join(", "), "Cache-Control": "no-store" } },
    );
  return Object.fromEntries(ALL_METHODS.map((method) => [method, answer])) as Record<Method, () => Response>;
}
