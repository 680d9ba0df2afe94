// The first, optimistic line: sends visitors without a session cookie to /login, gives every
// page its CSP nonce, and refuses form posts no page of this site could have sent. It never
// decides who may see what: lib/auth/dal.ts does that on the server for every page, action
// and route, so skipping this changes nothing.
// (Next.js 16 calls this file convention "proxy" and warns at build; PRODUCT.md names it
// middleware.ts, so it stays: docs/decisions/011-middleware-file-name.md.)
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "./lib/auth/session-cookie.ts";
import { isDevelopment } from "./lib/config/env.ts";
import { createNonce, NO_CONTENT_POLICY, pageContentSecurityPolicy } from "./lib/http/content-security-policy.ts";
import { formPostLimitFor, refuseFormPost } from "./lib/http/form-post-guard.ts";

const PUBLIC_PATHS = new Set(["/login", "/login/two-factor", "/signup", "/forgot-password", "/reset-password"]);

export async function middleware(request: NextRequest) {
  // A post here is a server action: refuse a cross-origin, oversized or unreadable one with
  // its own status (Next.js would refuse it too, but as a 500).
  const refused = await refuseFormPost(request, formPostLimitFor(request.nextUrl.pathname));
  if (refused) return withPolicy(refused);

  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  if (!hasSession && !PUBLIC_PATHS.has(pathname)) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return withPolicy(NextResponse.redirect(login, 303));
  }

  const nonce = createNonce();
  const csp = pageContentSecurityPolicy(nonce, { dev: isDevelopment() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-staffroom-path", pathname + search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** Answers that are not pages still get a policy (next.config.mjs adds the other headers). */
function withPolicy<R extends Response>(response: R): R {
  response.headers.set("Content-Security-Policy", NO_CONTENT_POLICY);
  return response;
}

export const config = {
  // Node.js, not the Edge runtime a middleware.ts gets by default: the Edge sandbox copied
  // every request and response across its boundary, about a millisecond of CPU per page
  // (docs/decisions/008-performance.md). Nothing here needs the Edge runtime.
  runtime: "nodejs",
  // Pages only: API routes answer 401 JSON themselves, static files need neither.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
