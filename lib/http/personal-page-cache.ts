// The pages people reload most (the todo page, the staff list), rendered for one session and
// kept while nothing they show has changed. Rendering is most of what a page view costs (6–12
// ms of CPU, docs/decisions/008); reading who is asking and what their page holds costs a
// small part of that. So on every request the caller is checked exactly as the page would
// check them (their session, the gates a page applies, their data), and the answer comes from
// the cache only when that yields the same fingerprint as the kept render: a revoked session,
// a lost role, a temporary password, the two-factor policy or any change to what the page
// shows, made on any worker or instance, shows on the next request.
//
// What can never happen: one session's page reaching another (entries are found by the
// session, and the render is made with that session's cookie alone), a page kept from a
// render whose data changed while it was made, or a redirect, an error or an answer that set
// a cookie kept at all. The page's inline scripts are allowed by their hashes, as on the
// shared public pages (lib/http/public-page-cache.ts), and only those the render gave the nonce.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { LRUCache } from "lru-cache";
import { CACHED_PAGE_HEADER, pageToCache, type CachedPage } from "./public-page-cache.ts";

/** What one request's page would be rendered from. */
export type PageInputs =
  /** The session may see the page: `fingerprint` covers everything the render reads, `cookie` is all it needs. */
  | { key: string; fingerprint: string; cookie: string }
  /** A session that must be rendered for (ended, or sent elsewhere first): nothing kept for it is served. */
  | { key: string; fingerprint: null }
  /** No session at all. */
  | null;

/** Reads what one page would be rendered from: everything its render reads, and nothing else may change it. */
export type ReadInputs = (cookieHeader: string) => Promise<PageInputs>;

/** A short digest of everything a page is rendered from. */
export const fingerprintOf = (inputs: unknown) => createHash("sha256").update(JSON.stringify(inputs)).digest("base64url");

type RenderPage = (path: string, cookie: string) => Promise<Response>;

/** Up to this many bytes of pages a process (each kept plain and gzipped). */
const MAX_BYTES = 32 * 1024 * 1024;

/** A kept page, or (page null) the note that this page was asked for once as it is now. */
type Entry = { fingerprint: string; page: CachedPage | null };

/** One process's cache of personal pages. */
export class PersonalPageCache {
  #pages = new LRUCache<string, Entry>({
    maxSize: MAX_BYTES,
    sizeCalculation: (entry) => (entry.page ? entry.page.body.length + entry.page.gzipped.length : 64),
  });
  #pending = new Map<string, Promise<void>>();
  readonly #pageInputs: ReadonlyMap<string, ReadInputs>;
  readonly #renderPage: RenderPage;

  /** @param pageInputs each page kept, by path, with what its render reads */
  constructor(pageInputs: ReadonlyMap<string, ReadInputs>, renderPage: RenderPage) {
    this.#pageInputs = pageInputs;
    this.#renderPage = renderPage;
  }

  /**
   * The path this request may be answered from the cache for, or null: a GET of a kept page
   * with a cookie, no query, no Authorization, none of Next.js' router or action headers,
   * and not itself a render for a cache.
   */
  cacheablePath(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
    if (method !== "GET" || !url || url.includes("?") || !this.#pageInputs.has(url)) return null;
    if (!headers.cookie || headers.authorization !== undefined || headers[CACHED_PAGE_HEADER] !== undefined) return null;
    for (const name of Object.keys(headers)) if (name === "rsc" || name.startsWith("next-")) return null;
    return url;
  }

  /**
   * The kept page for this request, or null: the caller lets Next.js render it. The second
   * time the same page is asked for unchanged, the cache renders its own copy in the
   * background to keep (a page seen once and changed before it is seen again, as most are
   * while a person works on their list, costs no second render).
   */
  async get(path: string, cookieHeader: string): Promise<CachedPage | null> {
    const readInputs = this.#pageInputs.get(path);
    const inputs = readInputs ? await readInputs(cookieHeader) : null;
    if (!readInputs || !inputs) return null;
    const key = `${path} ${inputs.key}`;
    const { fingerprint } = inputs;
    if (fingerprint === null) {
      this.#pages.delete(key);
      return null;
    }
    const entry = this.#pages.get(key);
    const unchanged = entry?.fingerprint === fingerprint;
    if (unchanged && entry.page) return entry.page;
    if (!unchanged) this.#pages.set(key, { fingerprint, page: null });
    else if (!this.#pending.has(key)) this.#fill(path, key, inputs, readInputs);
    return null;
  }

  /** Resolves when every render started so far has finished (for tests). */
  async settled(): Promise<void> {
    await Promise.all(this.#pending.values());
  }

  #fill(path: string, key: string, before: { key: string; fingerprint: string; cookie: string }, readInputs: ReadInputs) {
    const filling = (async () => {
      try {
        const response = await this.#renderPage(path, before.cookie);
        const page = pageToCache(response.status, response.headers, await response.text());
        // Read again: a change while the page was rendered may or may not be in it.
        const after = await readInputs(before.cookie);
        if (page && after?.key === before.key && after.fingerprint === before.fingerprint) {
          this.#pages.set(key, { fingerprint: before.fingerprint, page });
        }
      } catch (error) {
        console.warn(`[staffroom] could not render ${path} for the page cache: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.#pending.delete(key);
      }
    })();
    this.#pending.set(key, filling);
  }
}
