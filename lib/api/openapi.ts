// The OpenAPI 3.1 description of /api/v1, generated from the very zod schemas the routes
// validate with (request bodies, queries) and the response schemas their JSON types are
// inferred from. Served at /api/v1/openapi.json; nothing here is written twice.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { SESSION_COOKIE_BASE } from "../auth/session-cookie.ts";
import { staffJsonSchema } from "../staff/staff-json.ts";
import { subjectGroupJsonSchema } from "../subject-groups/subject-group-json.ts";
import { apiTokenJsonSchema } from "../tokens/token-json.ts";
import { todoJsonSchema } from "../todos/todo-json.ts";
import { signupBodySchema } from "../validation/auth.ts";
import { listQuerySchema } from "../validation/list-query.ts";
import { staffCreateBodySchema, staffUpdateBodySchema } from "../validation/staff.ts";
import { subjectGroupSchema } from "../validation/subject-groups.ts";
import { createTodoSchema, toggleAllSchema, updateTodoSchema } from "../validation/todos.ts";
import { createTokenBodySchema } from "../validation/tokens.ts";

const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "validation_failed" }),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per field (422, 409)." }),
    }),
  })
  .meta({ id: "Error" });

const ERROR_DESCRIPTIONS: Record<string, string> = {
  "400": "Malformed JSON or a body that is not application/json",
  "401": "Missing or invalid credentials (WWW-Authenticate: Bearer, Basic realm=\"Staffroom\")",
  "403": "Authenticated, but not allowed (missing role, or a cookie-authenticated write without a same-origin Origin)",
  "404": "Not found (also another person's todo)",
  "409": "Conflicts with existing data (a taken email, username or name)",
  "413": "Body larger than 1 MB",
  "422": "Validation failed; `fields` says which",
  "429": "Too many failed attempts; see Retry-After",
};

function errors(...statuses: string[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status]!, content: { "application/json": { schema: errorSchema } } }]),
  );
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema } } });
const noContent = { "204": { description: "Done; no body" } };

const numericId = z.object({ id: z.string().regex(/^\d+$/).meta({ description: "Numeric id" }) });
const staffId = z.object({ id: z.string().meta({ description: "Staff id (cuid)" }) });

const page = <K extends string>(key: K, item: z.ZodType) =>
  z.object({ [key]: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() } as Record<K | "page" | "pageSize" | "total", z.ZodType>);

const tokenIssued = z.object({ token: z.string().meta({ description: "The secret, shown only once" }), expiresAt: z.iso.datetime(), tokenId: z.number().int(), user: staffJsonSchema });

const authed = (operation: ZodOpenApiOperationObject, ...extraErrors: string[]): ZodOpenApiOperationObject => ({
  ...operation,
  responses: { ...operation.responses, ...errors("401", ...extraErrors) },
});
const admin = (operation: ZodOpenApiOperationObject, ...extraErrors: string[]) => ({ ...authed(operation, "403", ...extraErrors), tags: ["Administration"] });

type Says = { get: [summary: string, answer: string]; patch: [summary: string, answer: string]; delete: [summary: string, ...errors: string[]] };

/** An administrator's /<things>/{id}: GET it, PATCH it, DELETE it; `key` names it in the answers. */
function oneThing(key: string, schema: z.ZodType, id: z.ZodObject, change: z.ZodType, says: Says) {
  const answer = (description: string) => ({ "200": json(z.object({ [key]: schema }), description) });
  const [deleted, ...deleteErrors] = says.delete;
  return {
    get: admin({ summary: says.get[0], requestParams: { path: id }, responses: answer(says.get[1]) }, "404"),
    patch: admin({ summary: says.patch[0], requestParams: { path: id }, requestBody: body(change), responses: answer(says.patch[1]) }, "400", "404", "409", "413", "422"),
    delete: admin({ summary: deleted, requestParams: { path: id }, responses: noContent }, ...deleteErrors),
  };
}

const paths: ZodOpenApiPathsObject = {
  "/tokens": {
    post: {
      tags: ["Authentication"],
      summary: "Create an API token (send email and password, or authenticate the request)",
      security: [{}, { bearer: [] }, { basic: [] }, { cookie: [] }],
      requestBody: body(createTokenBodySchema),
      responses: { "201": json(tokenIssued, "The new token, shown once"), ...errors("400", "401", "413", "422", "429") },
    },
    get: authed({
      tags: ["Authentication"],
      summary: "List your tokens (never their secrets)",
      responses: { "200": json(z.object({ tokens: z.array(apiTokenJsonSchema) }), "Your tokens") },
    }),
  },
  "/tokens/{id}": {
    delete: authed({ tags: ["Authentication"], summary: "Revoke one of your tokens", requestParams: { path: numericId }, responses: noContent }, "404"),
  },
  "/me": {
    get: authed({ tags: ["Authentication"], summary: "Who am I (the seed's verify_auth)", responses: { "200": json(z.object({ user: staffJsonSchema, passwordChangeRequired: z.boolean().meta({ description: "True while your password is temporary: writes answer 403 password_change_required until you change it" }) }), "You") } }),
  },
  "/signup": {
    post: {
      tags: ["Authentication"],
      summary: "Sign up (only when the server runs with ALLOW_SIGNUP=true; 404 otherwise)",
      security: [{}],
      requestBody: body(signupBodySchema),
      responses: { "201": json(tokenIssued, "Signed up, with a token"), ...errors("400", "404", "409", "413", "422") },
    },
  },
  "/todos": {
    get: authed({ tags: ["Todos"], summary: "Your todos, in list order", responses: { "200": json(z.object({ todos: z.array(todoJsonSchema) }), "Your todos") } }),
    post: authed(
      { tags: ["Todos"], summary: "Add a todo at the end of your list", requestBody: body(createTodoSchema), responses: { "201": json(z.object({ todo: todoJsonSchema }), "Created") } },
      "400", "403", "413", "422",
    ),
  },
  "/todos/{id}": {
    get: authed({ tags: ["Todos"], summary: "One of your todos", requestParams: { path: numericId }, responses: { "200": json(z.object({ todo: todoJsonSchema }), "The todo") } }, "404"),
    patch: authed(
      { tags: ["Todos"], summary: "Change title, completed or order", requestParams: { path: numericId }, requestBody: body(updateTodoSchema), responses: { "200": json(z.object({ todo: todoJsonSchema }), "Changed") } },
      "400", "403", "404", "413", "422",
    ),
    put: authed(
      { tags: ["Todos"], summary: "Same as PATCH", requestParams: { path: numericId }, requestBody: body(updateTodoSchema), responses: { "200": json(z.object({ todo: todoJsonSchema }), "Changed") } },
      "400", "403", "404", "413", "422",
    ),
    delete: authed({ tags: ["Todos"], summary: "Delete a todo", requestParams: { path: numericId }, responses: noContent }, "403", "404"),
  },
  "/todos/clear-completed": {
    post: authed({ tags: ["Todos"], summary: "Delete all your completed todos", responses: { "200": json(z.object({ deleted: z.number().int() }), "How many were deleted") } }, "403"),
  },
  "/todos/toggle-all": {
    post: authed(
      { tags: ["Todos"], summary: "Mark all your todos completed, or all active", requestBody: body(toggleAllSchema), responses: { "200": json(z.object({ updated: z.number().int() }), "How many changed") } },
      "400", "403", "413", "422",
    ),
  },
  "/staff": {
    get: admin({ summary: "List staff", requestParams: { query: listQuerySchema }, responses: { "200": json(page("staff", staffJsonSchema), "A page of staff") } }, "422"),
    post: admin({ summary: "Create a staff account", requestBody: body(staffCreateBodySchema), responses: { "201": json(z.object({ user: staffJsonSchema }), "Created") } }, "400", "409", "413", "422"),
  },
  "/staff/{id}": oneThing("user", staffJsonSchema, staffId, staffUpdateBodySchema, {
    get: ["One staff account", "The account"],
    patch: ["Change an account (a new password, deactivation or a removed role ends its sessions)", "Changed"],
    delete: ["Delete an account with its todos, sessions and tokens", "404", "422"],
  }),
  "/subject-groups": {
    get: admin({ summary: "List subject groups with staff counts", requestParams: { query: listQuerySchema }, responses: { "200": json(page("subjectGroups", subjectGroupJsonSchema), "A page of groups") } }, "422"),
    post: admin({ summary: "Create a subject group", requestBody: body(subjectGroupSchema), responses: { "201": json(z.object({ subjectGroup: subjectGroupJsonSchema }), "Created") } }, "400", "409", "413", "422"),
  },
  "/subject-groups/{id}": oneThing("subjectGroup", subjectGroupJsonSchema, numericId, subjectGroupSchema, {
    get: ["One subject group", "The group"],
    patch: ["Rename a subject group", "Renamed"],
    delete: ["Delete an empty subject group (409 while staff belong to it)", "404", "409"],
  }),
};

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Staffroom API",
      version: "1",
      description:
        "Authenticate with `Authorization: Bearer <token>`, the `Authentication-Token: <token>` header, HTTP Basic (email:password), " +
        "or the session cookie (writes then need a same-origin Origin header). Every error is `{error: {code, message, fields?}}`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }, { authenticationToken: [] }, { basic: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        authenticationToken: { type: "apiKey", in: "header", name: "Authentication-Token" },
        basic: { type: "http", scheme: "basic" },
        cookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE_BASE },
      },
    },
    paths,
  });
  return cached;
}
