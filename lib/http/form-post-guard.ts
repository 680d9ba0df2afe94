// Posts to page addresses are server actions (forms, with or without JavaScript). Next.js
// itself refuses a cross-origin one, a body over serverActions.bodySizeLimit and a body
// that is not a form, but it answers all three with a 500, as if the server had failed.
// middleware.ts asks this guard first, so that they get what they are: 403, 413 and 400,
// and arguments React would choke on (lib/http/action-arguments.ts) get 400 too.
// Next.js' own checks stay in place behind it.

import { formPostProblem, scriptCallProblem } from "./action-arguments.ts";
import { logRefusal } from "./refusal-log.ts";
import { isSameOrigin } from "./same-origin.ts";

/** The limit for every form post, in the bytes Next.js counts. */
export const MAX_FORM_POST_BYTES = 1024 * 1024;

/**
 * The staff CSV import takes files up to 2 MB (and posts the previewed text back): its page
 * alone may receive up to next.config.mjs' serverActions.bodySizeLimit ("3mb").
 */
export const LARGE_FORM_POSTS: Record<string, number> = { "/admin/staff/import": 3 * 1024 * 1024 };

export function formPostLimitFor(pathname: string): number {
  return LARGE_FORM_POSTS[pathname] ?? MAX_FORM_POST_BYTES;
}

/** A browser's post from another origin (lib/http/same-origin.ts); a post without Origin is no browser's. */
export function isCrossOriginPost(headers: Headers, requestUrl: string): boolean {
  const origin = headers.get("origin");
  // No Origin: not a browser (browsers send it with every POST), so no ambient credentials to abuse.
  if (origin === null) return false;
  return !isSameOrigin(origin, headers, requestUrl);
}

function refused(request: Request, status: number, message: string, reason: string): Response {
  logRefusal(request.method, new URL(request.url).pathname, status, reason);
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** Reads at most `limit` + 1 bytes; null when the body is longer than `limit`. */
async function readWithin(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array[] | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

/** A response refusing the post, or null to let it through to its server action. */
export async function refuseFormPost(request: Request, maxBytes = MAX_FORM_POST_BYTES): Promise<Response | null> {
  if (request.method !== "POST") return null;
  if (isCrossOriginPost(request.headers, request.url)) return refused(request, 403, "Forms of this site can only be sent from this site.", "a form post from another origin");

  const declared = Number(request.headers.get("content-length") ?? NaN);
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  const tooLarge = () => refused(request, 413, `The form is larger than ${size}.`, "a form post over the size limit");
  if (declared > maxBytes) return tooLarge();
  if (!request.body) return null;
  // Counted as it arrives, whatever Content-Length said (or a chunked body did not say).
  const chunks = await readWithin(request.body, maxBytes);
  if (!chunks) return tooLarge();

  const type = request.headers.get("content-type") ?? "";
  const body = new Blob(chunks as BlobPart[]);
  // A page's script calling a server action sends the arguments as one JSON array (React's
  // encodeReply): the whole body, or the form field "0" when an argument is a form. Next.js
  // answers anything else with a 500.
  const scriptCall = request.headers.has("next-action");
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "Content-Type": type } }).formData();
    } catch {
      return refused(request, 400, "The form could not be read.", "a multipart body that is not a form");
    }
    const root = form.get("0");
    const field = (id: number) => {
      const value = form.get(String(id));
      return typeof value === "string" ? value : null;
    };
    const problem = scriptCall ? (typeof root === "string" ? scriptCallProblem(root, field) : "no arguments") : formPostProblem(form);
    if (problem) return refused(request, 400, "The request could not be read.", problem);
  } else if (type.toLowerCase().startsWith("application/x-www-form-urlencoded") && !scriptCall) {
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(await body.text())) form.append(name, value);
    const problem = formPostProblem(form);
    if (problem) return refused(request, 400, "The request could not be read.", problem);
  } else if (scriptCall) {
    const problem = scriptCallProblem(await body.text(), () => null);
    if (problem) return refused(request, 400, "The request could not be read.", problem);
  }
  return null;
}
