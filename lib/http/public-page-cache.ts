// The pages that show nobody's data (/login, /forgot-password, /signup) are the same bytes
// for every visitor who sends no cookie and no query: what they could show differently (a
// notice, a callbackUrl, the logged-out message) comes only from those. Each process renders
// such a page once, through its own server and the whole of Next.js and middleware.ts, and
// then answers those visitors itself, with the page's own headers and a Content-Security-
// Policy that allows its inline scripts by their hashes instead of a per-response nonce (a
// nonce sent twice would be no nonce). Measured: a render of /login cost ~4 ms of CPU, a
// cached answer a fraction of a millisecond (docs/decisions/008-performance.md).
//
// What can never happen: anyone with a cookie, a session or a query gets the cache, or the
// cache holds an answer that set a cookie or was not a plain 200 page. Everything else still
// goes to Next.js as before.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { gzipSync } from "node:zlib";
import { hashContentSecurityPolicy } from "./content-security-policy.ts";

/** Pages without personal data whose cookie-less, query-less answer is shared. */
export const PUBLIC_PAGES: ReadonlySet<string> = new Set(["/login", "/forgot-password", "/signup"]);

/** Set on a cached answer, so tests and operators can tell it from a render. */
export const CACHED_PAGE_HEADER = "x-staffroom-page-cache";

/**
 * What a process sends when it renders a page for its cache. The request reaches whichever
 * worker node:cluster hands the connection to, and that worker must render it too: the
 * shared copy it may hold has no nonce left, so it would be refused, and its worker would
 * never share the page (CI caught a worker that did just that).
 */
export const RENDER_REQUEST_HEADERS: Readonly<Record<string, string>> = { [CACHED_PAGE_HEADER]: "render", "accept-encoding": "identity" };

/** How long a page that could not be shared is rendered per visitor before it is tried again. */
export const RETRY_UNSHAREABLE_MS = 60_000;

/** Headers that are about one response or connection, or that this cache writes itself. */
const NOT_REPLAYED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "content-security-policy",
  "x-staffroom-worker",
]);

export interface CachedPage {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  gzipped: Buffer;
}

/**
 * The path this request may be answered from the cache for, or null. A request qualifies
 * only as a plain first visit: GET, one of PUBLIC_PAGES, no query, no cookie, and none of
 * the headers with which Next.js' client router or a server action asks for something else,
 * and not a render for a cache (RENDER_REQUEST_HEADERS).
 */
export function cacheablePath(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" || !url || url.includes("?") || !PUBLIC_PAGES.has(url)) return null;
  if (headers.cookie !== undefined || headers.authorization !== undefined || headers[CACHED_PAGE_HEADER] !== undefined) return null;
  for (const name of Object.keys(headers)) if (name === "rsc" || name.startsWith("next-")) return null;
  return url;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// Next.js writes these elements itself and escapes "</" inside them, so the first closing
// tag ends each one; external scripts (with src) are allowed by 'self'.
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g;
const INLINE_STYLE = /<style\b([^>]*)>([\s\S]*?)<\/style>/g;

/** The hashes of the elements that carried the nonce (only what the render itself wrote), as they are once it is taken out. */
function hashesOf(html: string, element: RegExp, nonce: string): string[] {
  const carried = [...html.matchAll(element)].filter((match) => ` ${match[1]!} `.includes(` nonce="${nonce}" `));
  return [...new Set(carried.map((match) => sha256(match[2]!.replaceAll(nonce, ""))))];
}

/**
 * A rendered page made shareable: its nonce removed (every `nonce="…"` attribute and any
 * other copy of it), and the policy that allows exactly its inline scripts and styles that
 * carried the nonce. An inline element without it (markup that got into the page some other
 * way) stays refused, as the nonce would have refused it.
 */
export function shareablePage(html: string, nonce: string): { html: string; policy: string } {
  const scripts = hashesOf(html, INLINE_SCRIPT, nonce);
  const styles = hashesOf(html, INLINE_STYLE, nonce);
  const shared = html.replaceAll(` nonce="${nonce}"`, "").replaceAll(nonce, "");
  return { html: shared, policy: hashContentSecurityPolicy(scripts, styles) };
}

const NONCE_IN_POLICY = /'nonce-([^']+)'/;

/**
 * A rendered answer as the cache would keep it, or null when it must not be shared: not a
 * 200 HTML page, a cookie set, or no nonce to take out (then it is not the page we think).
 */
export function pageToCache(status: number, headers: Headers, html: string): CachedPage | null {
  if (status !== 200 || headers.has("set-cookie")) return null;
  if (!headers.get("content-type")?.startsWith("text/html")) return null;
  const nonce = NONCE_IN_POLICY.exec(headers.get("content-security-policy") ?? "")?.[1];
  if (!nonce) return null;
  const shared = shareablePage(html, nonce);
  const replayed: OutgoingHttpHeaders = {};
  headers.forEach((value, name) => {
    if (!NOT_REPLAYED.has(name)) replayed[name] = value;
  });
  const body = Buffer.from(shared.html, "utf8");
  return {
    headers: { ...replayed, "content-security-policy": shared.policy, vary: withAcceptEncoding(headers.get("vary")), [CACHED_PAGE_HEADER]: "hit" },
    body,
    gzipped: gzipSync(body),
  };
}

/** The page's own Vary, which must name Accept-Encoding since the answer may be compressed. */
function withAcceptEncoding(vary: string | null): string {
  if (!vary) return "Accept-Encoding";
  return /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}

type Fetch = (path: string) => Promise<Response>;

/**
 * One process's cache. A miss is answered by Next.js as usual while the page is fetched from
 * this same server in the background, once. A page that must not be shared (a cookie set, a
 * 503 while the database was away) is asked for again after RETRY_UNSHAREABLE_MS, and a
 * failed fetch by the next miss.
 */
export class PublicPageCache {
  #pages = new Map<string, CachedPage | { unshareableUntil: number }>();
  #pending = new Map<string, Promise<void>>();
  readonly #fetchPage: Fetch;
  readonly #now: () => number;

  constructor(fetchPage: Fetch, now: () => number = Date.now) {
    this.#fetchPage = fetchPage;
    this.#now = now;
  }

  /** The shared page, or null while there is none (the caller renders one). */
  get(path: string): CachedPage | null {
    const page = this.#pages.get(path);
    if (page && "body" in page) return page;
    if ((!page || page.unshareableUntil <= this.#now()) && !this.#pending.has(path)) this.#fill(path);
    return null;
  }

  /** Resolves when every fetch started so far has finished (for tests). */
  async settled(): Promise<void> {
    await Promise.all(this.#pending.values());
  }

  #fill(path: string) {
    const filling = (async () => {
      try {
        const response = await this.#fetchPage(path);
        const page = pageToCache(response.status, response.headers, await response.text());
        this.#pages.set(path, page ?? { unshareableUntil: this.#now() + RETRY_UNSHAREABLE_MS });
      } catch (error) {
        console.warn(`[staffroom] could not render ${path} for the page cache: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.#pending.delete(path);
      }
    })();
    this.#pending.set(path, filling);
  }
}

/** Writes a cached page, compressed when the client accepts gzip. */
export function cachedAnswer(page: CachedPage, acceptEncoding: string | undefined): { headers: OutgoingHttpHeaders; body: Buffer } {
  const gzip = /\bgzip\b/.test(acceptEncoding ?? "");
  const body = gzip ? page.gzipped : page.body;
  return { headers: { ...page.headers, ...(gzip ? { "content-encoding": "gzip" } : {}), "content-length": body.length }, body };
}
