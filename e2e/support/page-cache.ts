// Reading the page caches' answers (lib/http/public-page-cache.ts, personal-page-cache.ts):
// whether an answer was kept, and what its Content-Security-Policy allows.
import { createHash } from "node:crypto";
import type { APIResponse } from "@playwright/test";
import { CACHED_PAGE_HEADER } from "../../lib/http/public-page-cache";
import { expect } from "./security";

export const fromCache = (response: Pick<APIResponse, "headers">) => response.headers()[CACHED_PAGE_HEADER] === "hit";

export const scriptSources = (response: Pick<APIResponse, "headers">) =>
  /script-src ([^;]*)/.exec(response.headers()["content-security-policy"] ?? "")?.[1]?.split(" ") ?? [];

/** The policy's form of each inline script on the page (those without src). */
export const inlineScriptHashes = (html: string) => [
  ...new Set(
    [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (match) => `'sha256-${createHash("sha256").update(match[1]!).digest("base64")}'`,
    ),
  ),
];

/** Asks until a process answers from its cache (each fills its own, after a miss or two). */
export async function untilFromCache(ask: () => Promise<APIResponse>, label: string): Promise<APIResponse> {
  let response: APIResponse | undefined;
  await expect
    .poll(async () => {
      response = await ask();
      return fromCache(response);
    }, { message: `${label} served from the page cache` })
    .toBe(true);
  return response!;
}

/** A kept page allows exactly its own inline scripts by their hashes: no nonce, nothing broader. */
export async function expectHashPolicy(response: APIResponse): Promise<void> {
  const html = await response.text();
  const sources = scriptSources(response);
  expect(sources[0]).toBe("'self'");
  expect(sources.join(" ")).not.toMatch(/nonce|unsafe-inline|unsafe-eval|strict-dynamic|\*/);
  // No nonce left to learn: no attribute, and the flight data's copies are empty.
  expect(html).not.toContain(" nonce=");
  expect(html.match(/nonce\\":\\"[^\\]*/g)?.every((copy) => copy.endsWith('"')) ?? true).toBe(true);
  const inline = inlineScriptHashes(html);
  expect(inline.length, "inline scripts on the page").toBeGreaterThan(0);
  expect(inline.sort()).toEqual(sources.slice(1).sort());
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["cache-control"]).toContain("no-store");
}
