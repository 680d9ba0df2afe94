// Reading a JSON request body, with the answers PRODUCT.md promises for bad ones: 400 for
// a wrong content type or malformed JSON, 413 for more than 1 MB.
import { ApiError } from "./api-error.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(400, "unsupported_content_type", "Send the body as JSON, with Content-Type: application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readTextWithin(request, maxBytes);
  if (text.trim() === "") throw new ApiError(400, "invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

function tooLarge(maxBytes: number) {
  return new ApiError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);
}

/** Reads the stream but stops (413) as soon as it passes the limit, whatever Content-Length said. */
async function readTextWithin(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away mid-body (Node: "aborted", ECONNRESET). Nobody will read the
      // answer, but it is a refusal, not a bug: no stack trace in the log.
      throw new ApiError(400, "incomplete_body", "The request body did not arrive completely.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid UTF-8.");
  }
}
