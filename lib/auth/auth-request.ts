// Auth.js answers a callbackUrl it finds unsafe (javascript:, \\host) with a 500, and one
// that is no URL with a crash. Its endpoints get every callbackUrl already made safe: the
// path on this site it names, or the home page. (Where the person ends up is decided by the
// redirect callback in lib/auth/auth.ts, with the same rule.)
import { NextRequest } from "next/server";
import { pathOnThisSite } from "./callback-url.ts";

const FIELD = "callbackUrl";
const onThisSite = (value: string) => pathOnThisSite(value) ?? "/";

export async function withSafeCallbackUrl(request: NextRequest): Promise<NextRequest> {
  const url = new URL(request.url);
  const query = url.searchParams.get(FIELD);
  const fixQuery = query !== null && query !== onThisSite(query);
  if (fixQuery) url.searchParams.set(FIELD, onThisSite(query));

  const isForm = request.method === "POST" && (request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
  if (!isForm) return fixQuery ? new NextRequest(url, request) : request;
  const form = new URLSearchParams(await request.text());
  const field = form.get(FIELD);
  if (field !== null) form.set(FIELD, onThisSite(field));
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new NextRequest(url, { method: "POST", headers, body: form.toString() });
}
