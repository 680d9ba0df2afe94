// The shapes the JSON API's addresses share. One thing at /api/v1/<things>/{id}: GET it,
// change it (PATCH, and PUT with the same body), DELETE it (204); the three such routes
// differ only in their functions and schemas. A paged list for administrators (?q=&page=).
import type { z } from "zod";
import type { CurrentUser } from "../identity/current-user.ts";
import { listQuerySchema, type ListQuery } from "../validation/list-query.ts";
import { apiRoute, noContent, otherMethods } from "./api-route.ts";

type Caller = { user: CurrentUser; ip: string };

export function resourceRoute<Params extends z.ZodType, Body extends z.ZodType>(options: {
  access: "user" | "admin";
  params: Params;
  body: Body;
  read: (caller: Caller, params: z.output<Params>) => Promise<object>;
  change: (caller: Caller, params: z.output<Params>, body: z.output<Body>) => Promise<object>;
  remove: (caller: Caller, params: z.output<Params>) => Promise<unknown>;
}) {
  const { access, params, body } = options;
  const change = apiRoute({ access, params, body, handler: ({ user, ip, params, body }) => options.change({ user, ip }, params, body) });
  return {
    GET: apiRoute({ access, params, handler: ({ user, ip, params }) => options.read({ user, ip }, params) }),
    PATCH: change,
    PUT: change,
    DELETE: apiRoute({
      access,
      params,
      handler: async ({ user, ip, params }) => {
        await options.remove({ user, ip }, params);
        return noContent();
      },
    }),
    POST: otherMethods("GET", "PATCH", "PUT", "DELETE").POST,
  };
}

/** GET /api/v1/<things>: one page of them, searched (`?q=`), for administrators. */
export function adminListRoute(list: (user: CurrentUser, query: ListQuery) => Promise<object>) {
  return apiRoute({ access: "admin", query: listQuerySchema, handler: ({ user, query }) => list(user, query) });
}
