// Which HTTP methods reach Next.js. Pages answer GET and HEAD, and POST (server actions);
// Next.js renders a page for any other method (PROPFIND got the login page), and TRACE,
// TRACK and CONNECT, which the fetch Request behind middleware and route handlers refuses to
// construct, became a 500. server.ts answers them here with 405 and Allow. The API's route
// handlers answer their own 405 (with Allow per route) for the methods they do not take.

export const PAGE_METHODS = ["GET", "HEAD", "POST"] as const;
/** Methods no route of Staffroom takes and fetch cannot even represent. */
const NEVER = new Set(["TRACE", "TRACK", "CONNECT"]);
const API_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export type MethodRefusal = { status: 405; allow: string; json: boolean };

export function refuseMethod(method: string, path: string): MethodRefusal | null {
  const upper = method.toUpperCase();
  const api = path === "/api" || path.startsWith("/api/");
  if (api) return NEVER.has(upper) || !API_METHODS.includes(upper) ? { status: 405, allow: API_METHODS.join(", "), json: true } : null;
  return (PAGE_METHODS as readonly string[]).includes(upper) ? null : { status: 405, allow: PAGE_METHODS.join(", "), json: false };
}
