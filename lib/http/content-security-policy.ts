// The Content-Security-Policy of every page: scripts only from this site and with this
// response's nonce (Next.js adds it to its own scripts), or, on the few pages shared by
// every visitor without a cookie, with the hashes of that page's own inline scripts;
// nothing may frame the site.
// API responses and static files get STATIC_CSP from next.config.mjs instead.

/** For answers that are not pages (redirects, refusals): next.config.mjs's STATIC_CSP. */
export const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function pageContentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return pagePolicy(`'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`, `'self' 'nonce-${nonce}'`);
}

/**
 * A page rendered once and shared (lib/http/public-page-cache.ts): its inline scripts and
 * styles allowed by their hashes. Without 'strict-dynamic', since its script files are
 * allowed as this site's ('self'), as are the ones Next.js loads later.
 */
export function hashContentSecurityPolicy(scriptHashes: string[], styleHashes: string[]): string {
  return pagePolicy(["'self'", ...scriptHashes].join(" "), ["'self'", ...styleHashes].join(" "));
}

function pagePolicy(scripts: string, styles: string): string {
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    `style-src ${styles}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The interactive API reference (/api/docs): the page policy, except that styles may be
 * inline. Scalar's components set style attributes, and the libraries inside it insert
 * <style> elements of their own, which no nonce can reach. Scripts stay as strict as on
 * every page (this site's, with the nonce); styles cannot run code, and the page shows
 * nothing but this app's own OpenAPI document. docs/decisions/014-api-reference.md.
 */
export function apiReferenceContentSecurityPolicy(nonce: string): string {
  return pageContentSecurityPolicy(nonce).replace(`style-src 'self' 'nonce-${nonce}'`, "style-src 'self' 'unsafe-inline'");
}

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
