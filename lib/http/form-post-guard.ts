// Posts to page addresses are server actions (forms, with or without JavaScript). Next.js
// itself refuses a cross-origin one, a body over serverActions.bodySizeLimit and a body
// that is not a form, but it answers all three with a 500, as if the server had failed.
// middleware.ts asks this guard first, so that they get what they are: 403, 413 and 400.
// Next.js' own checks stay in place behind it.

import { isSameOrigin } from "./same-origin.ts";

/** next.config.mjs serverActions.bodySizeLimit ("1mb"), in the bytes Next.js counts. */
export const MAX_FORM_POST_BYTES = 1024 * 1024;

/** A browser's post from another origin (lib/http/same-origin.ts); a post without Origin is no browser's. */
export function isCrossOriginPost(headers: Headers, requestUrl: string): boolean {
  const origin = headers.get("origin");
  // No Origin: not a browser (browsers send it with every POST), so no ambient credentials to abuse.
  if (origin === null) return false;
  return !isSameOrigin(origin, headers, requestUrl);
}

function refusal(status: number, message: string): Response {
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

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** A response refusing the post, or null to let it through to its server action. */
export async function refuseFormPost(request: Request, maxBytes = MAX_FORM_POST_BYTES): Promise<Response | null> {
  if (request.method !== "POST") return null;
  if (isCrossOriginPost(request.headers, request.url)) return refusal(403, "Forms of this site can only be sent from this site.");

  const declared = Number(request.headers.get("content-length") ?? NaN);
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  const tooLarge = () => refusal(413, `The form is larger than ${size}.`);
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
      return refusal(400, "The form could not be read.");
    }
    const root = form.get("0");
    if (scriptCall && !(typeof root === "string" && isJsonArray(root))) return refusal(400, "The request could not be read.");
  } else if (scriptCall && !isJsonArray(await body.text())) {
    return refusal(400, "The request could not be read.");
  }
  return null;
}
