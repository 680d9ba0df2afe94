// Every page, route handler and server action of the app, with who may use it. The security
// suite (e2e/security/) walks these tables, and fails when app/ has a route or an action
// that is not in them, so that nothing new goes unchecked.
import fs from "node:fs";
import path from "node:path";

/** Who may use a route: anyone, a logged-in person, an administrator. */
export type Access = "public" | "user" | "admin";

/** Real ids for the dynamic segments, owned by the test that asks. */
export type RouteIds = { staffId: string; groupId: number; todoId: number; tokenId: number };

export type PageRoute = {
  /** The route as app/ spells it, e.g. /admin/staff/[id]/edit. */
  route: string;
  access: Access;
  path: (ids: RouteIds) => string;
  /** What the page answers a logged-in person with the right role (public pages: anyone). */
  ok: number;
};

export const PAGES: PageRoute[] = [
  { route: "/", access: "user", path: () => "/", ok: 200 },
  { route: "/login", access: "public", path: () => "/login", ok: 200 },
  // Only for someone with a pending second step; anyone else (a logged-in admin too) is sent to /login.
  { route: "/login/two-factor", access: "public", path: () => "/login/two-factor", ok: 307 },
  // Sign-up is off on the suite's main server: the page is a 404 for everyone.
  { route: "/signup", access: "public", path: () => "/signup", ok: 404 },
  { route: "/account/password", access: "user", path: () => "/account/password", ok: 200 },
  { route: "/account/tokens", access: "user", path: () => "/account/tokens", ok: 200 },
  { route: "/account/confirm", access: "user", path: () => "/account/confirm", ok: 200 },
  { route: "/account/security", access: "user", path: () => "/account/security", ok: 200 },
  { route: "/account/sessions", access: "user", path: () => "/account/sessions", ok: 200 },
  { route: "/forgot-password", access: "public", path: () => "/forgot-password", ok: 200 },
  // Without a valid token it says the link has expired.
  { route: "/reset-password", access: "public", path: () => "/reset-password", ok: 200 },
  // /admin sends administrators on to /admin/staff.
  { route: "/admin", access: "admin", path: () => "/admin", ok: 200 },
  { route: "/admin/staff", access: "admin", path: () => "/admin/staff", ok: 200 },
  { route: "/admin/staff/new", access: "admin", path: () => "/admin/staff/new", ok: 200 },
  { route: "/admin/staff/import", access: "admin", path: () => "/admin/staff/import", ok: 200 },
  { route: "/admin/staff/[id]/edit", access: "admin", path: ({ staffId }) => `/admin/staff/${staffId}/edit`, ok: 200 },
  { route: "/admin/staff/[id]/delete", access: "admin", path: ({ staffId }) => `/admin/staff/${staffId}/delete`, ok: 200 },
  { route: "/admin/subject-groups", access: "admin", path: () => "/admin/subject-groups", ok: 200 },
  { route: "/admin/subject-groups/new", access: "admin", path: () => "/admin/subject-groups/new", ok: 200 },
  { route: "/admin/subject-groups/[id]/edit", access: "admin", path: ({ groupId }) => `/admin/subject-groups/${groupId}/edit`, ok: 200 },
  { route: "/admin/subject-groups/[id]/delete", access: "admin", path: ({ groupId }) => `/admin/subject-groups/${groupId}/delete`, ok: 200 },
  { route: "/admin/audit", access: "admin", path: () => "/admin/audit", ok: 200 },
  { route: "/admin/settings", access: "admin", path: () => "/admin/settings", ok: 200 },
];

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

/**
 * How a route handler's method may be used: "public" answers anyone; "credentials" is
 * POST /api/v1/tokens, which takes an email and password in the body (or any other
 * credential); "signup" is a 404 while sign-up is off; "unknown" is the catch-all's 404;
 * "admin-download" is a file for administrators that behaves like a page (a redirect to
 * /login, 403 for others: e2e/security/downloads.spec.ts).
 */
export type ApiAccess = Access | "credentials" | "signup" | "unknown" | "admin-download";

export type ApiRoute = { route: string; path: (ids: RouteIds) => string; methods: Partial<Record<Method, ApiAccess>> };

const TODO_FIELDS = { title: "x" };

export const API_ROUTES: ApiRoute[] = [
  { route: "/admin/staff/export.csv", path: () => "/admin/staff/export.csv", methods: { GET: "admin-download" } },
  { route: "/api/health", path: () => "/api/health", methods: { GET: "public" } },
  { route: "/api/health/live", path: () => "/api/health/live", methods: { GET: "public" } },
  // Auth.js' own endpoints (session, csrf, providers, signin, signout, callback).
  { route: "/api/auth/[...nextauth]", path: () => "/api/auth/session", methods: { GET: "public", POST: "public" } },
  { route: "/api/v1/[...path]", path: () => "/api/v1/no/such/endpoint", methods: { GET: "unknown", POST: "unknown", PUT: "unknown", PATCH: "unknown", DELETE: "unknown" } },
  { route: "/api/v1/openapi.json", path: () => "/api/v1/openapi.json", methods: { GET: "public" } },
  // The interactive API reference and the bundle it runs, both public like the document.
  { route: "/api/docs", path: () => "/api/docs", methods: { GET: "public" } },
  { route: "/api/docs/scalar.js", path: () => "/api/docs/scalar.js", methods: { GET: "public" } },
  { route: "/api/v1/me", path: () => "/api/v1/me", methods: { GET: "user" } },
  { route: "/api/v1/signup", path: () => "/api/v1/signup", methods: { POST: "signup" } },
  { route: "/api/v1/tokens", path: () => "/api/v1/tokens", methods: { GET: "user", POST: "credentials" } },
  { route: "/api/v1/tokens/[id]", path: ({ tokenId }) => `/api/v1/tokens/${tokenId}`, methods: { DELETE: "user" } },
  { route: "/api/v1/todos", path: () => "/api/v1/todos", methods: { GET: "user", POST: "user" } },
  { route: "/api/v1/todos/[id]", path: ({ todoId }) => `/api/v1/todos/${todoId}`, methods: { GET: "user", PATCH: "user", PUT: "user", DELETE: "user" } },
  { route: "/api/v1/todos/clear-completed", path: () => "/api/v1/todos/clear-completed", methods: { POST: "user" } },
  { route: "/api/v1/todos/toggle-all", path: () => "/api/v1/todos/toggle-all", methods: { POST: "user" } },
  { route: "/api/v1/staff", path: () => "/api/v1/staff", methods: { GET: "admin", POST: "admin" } },
  { route: "/api/v1/staff/[id]", path: ({ staffId }) => `/api/v1/staff/${staffId}`, methods: { GET: "admin", PATCH: "admin", PUT: "admin", DELETE: "admin" } },
  { route: "/api/v1/subject-groups", path: () => "/api/v1/subject-groups", methods: { GET: "admin", POST: "admin" } },
  {
    route: "/api/v1/subject-groups/[id]",
    path: ({ groupId }) => `/api/v1/subject-groups/${groupId}`,
    methods: { GET: "admin", PATCH: "admin", PUT: "admin", DELETE: "admin" },
  },
];

/** A body for a method that takes one; valid enough that only the caller decides the answer. */
export function sampleBody(route: string, method: Method): object | undefined {
  if (method === "GET" || method === "DELETE") return undefined;
  if (route.startsWith("/api/v1/todos")) return route.endsWith("toggle-all") ? { completed: true } : route.endsWith("clear-completed") ? {} : TODO_FIELDS;
  if (route.startsWith("/api/v1/subject-groups")) return { name: "Never saved" };
  if (route.startsWith("/api/v1/staff")) return { firstName: "Never", lastName: "Saved" };
  return {};
}

/** Every (route, method) of a table entry with one of these kinds of access. */
export function apiCalls(ids: RouteIds, ...kinds: ApiAccess[]): { route: string; method: Method; path: string; access: ApiAccess }[] {
  return API_ROUTES.flatMap((entry) =>
    Object.entries(entry.methods)
      .filter(([, access]) => kinds.includes(access))
      .map(([method, access]) => ({ route: entry.route, method: method as Method, path: entry.path(ids), access })),
  );
}

/**
 * The server actions: every function exported by a "use server" module of app/. Each has an
 * entry in e2e/security/actions.spec.ts, which posts its form cross-origin and as the wrong
 * person; the role is who may use it.
 */
export const ACTIONS: Record<string, Access> = {
  "app/login/actions.ts#login": "public",
  "app/login/two-factor/actions.ts#verifyCode": "public",
  "app/login/passkey-actions.ts#passkeySignInAction": "public",
  "app/signup/actions.ts#signup": "public",
  "app/actions/logout.ts#logout": "user",
  "app/actions/todos.ts#addTodo": "user",
  "app/actions/todos.ts#changeTodos": "user",
  "app/account/password/actions.ts#changePassword": "user",
  "app/account/tokens/actions.ts#createToken": "user",
  "app/account/tokens/actions.ts#revokeToken": "user",
  "app/account/confirm/actions.ts#confirmIdentity": "user",
  "app/account/confirm/actions.ts#confirmIdentityWithCode": "user",
  "app/account/confirm/actions.ts#confirmIdentityWithPasskey": "user",
  "app/account/security/passkey-actions.ts#addPasskeyAction": "user",
  "app/account/security/passkey-actions.ts#renamePasskeyAction": "user",
  "app/account/security/passkey-actions.ts#removePasskeyAction": "user",
  "app/account/security/actions.ts#startSetupAction": "user",
  "app/account/security/actions.ts#cancelSetupAction": "user",
  "app/account/security/actions.ts#turnOnAction": "user",
  "app/account/security/actions.ts#newRecoveryCodesAction": "user",
  "app/account/security/actions.ts#turnOffAction": "user",
  "app/account/security/actions.ts#hideRecoveryCodesAction": "user",
  "app/account/sessions/actions.ts#endSessionAction": "user",
  "app/account/sessions/actions.ts#endOtherSessionsAction": "user",
  "app/forgot-password/actions.ts#requestPasswordReset": "public",
  "app/reset-password/actions.ts#setPasswordWithLink": "public",
  "app/admin/staff/actions.ts#sendInvitationAction": "admin",
  "app/admin/staff/actions.ts#sendPasswordResetAction": "admin",
  "app/admin/actions.ts#unlockAccountAction": "admin",
  "app/admin/actions.ts#unlockAddressAction": "admin",
  "app/admin/staff/actions.ts#createStaffAction": "admin",
  "app/admin/staff/actions.ts#updateStaffAction": "admin",
  "app/admin/staff/actions.ts#deleteStaffAction": "admin",
  "app/admin/staff/actions.ts#unlockStaffAction": "admin",
  "app/admin/staff/actions.ts#endAllSessionsAction": "admin",
  "app/admin/staff/import/actions.ts#staffImportAction": "admin",
  "app/admin/staff/actions.ts#resetTwoFactorAction": "admin",
  "app/admin/settings/actions.ts#saveSettingsAction": "admin",
  "app/admin/subject-groups/actions.ts#createSubjectGroupAction": "admin",
  "app/admin/subject-groups/actions.ts#renameSubjectGroupAction": "admin",
  "app/admin/subject-groups/actions.ts#deleteSubjectGroupAction": "admin",
};

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { recursive: true, encoding: "utf8" }).map((file) => path.join(directory, file).split(path.sep).join("/"));
}

/** The page and route-handler routes that exist in app/, as app/ spells them. */
export function routesOnDisk(): { pages: string[]; handlers: string[] } {
  const routeOf = (file: string) => "/" + path.posix.dirname(file).replace(/^app\/?/, "").replace(/^\.$/, "");
  const toRoute = (file: string) => routeOf(file).replace(/\/$/, "") || "/";
  const files = filesUnder("app");
  return {
    pages: files.filter((file) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(file)).map(toRoute).sort(),
    handlers: files.filter((file) => /\/route\.(ts|js)$/.test(file)).map(toRoute).sort(),
  };
}

/** "file#name" for every export of every "use server" module in app/. */
export function serverActionsOnDisk(): string[] {
  return filesUnder("app")
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .flatMap((file) => {
      const source = fs.readFileSync(file, "utf8");
      if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(source)) return [];
      const names = [...source.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?|const|let)\s+([A-Za-z_$][\w$]*)/gm)].map((match) => match[1]!);
      const listed = [...source.matchAll(/^export\s*\{([^}]*)\}/gm)].flatMap((match) => match[1]!.split(",").map((part) => part.trim().split(/\s+as\s+/).pop()!).filter(Boolean));
      return [...names, ...listed].map((name) => `${file}#${name}`);
    })
    .sort();
}
