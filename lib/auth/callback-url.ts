// Where to go after logging in. Only paths on this site are accepted, so that a crafted
// link (callbackUrl=https://evil.example, //evil.example, /\evil.example) cannot send a
// person elsewhere after they typed their password here.
export function safeCallbackPath(raw: unknown, fallback = "/"): string {
  const path = pathOnThisSite(raw);
  if (path === null || /^\/login\/?(?:[?#]|$)/.test(path)) return fallback;
  return path;
}

/**
 * The path, query and fragment of `raw` when it stays on this site, else null. An absolute
 * http(s) address keeps only its path: Auth.js builds them, sometimes with the wrong host.
 */
export function pathOnThisSite(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  let candidate = raw;
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = url.pathname + url.search + url.hash;
    } catch {
      return null;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return null;
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return null;
  // Resolve against a dummy origin: whatever it normalises to must still be on that origin.
  const resolved = new URL(candidate, "http://staffroom.invalid");
  if (resolved.origin !== "http://staffroom.invalid") return null;
  // Dot segments can collapse into a protocol-relative path ("/..//evil.example" -> "//evil.example").
  if (resolved.pathname.startsWith("//")) return null;
  return resolved.pathname + resolved.search + resolved.hash;
}
