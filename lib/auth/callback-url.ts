// Where to go after logging in. Only paths on this site are accepted, so that a crafted
// link (callbackUrl=https://evil.example, //evil.example, /\evil.example) cannot send a
// person elsewhere after they typed their password here.
export function safeCallbackPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  let candidate = raw;
  // Auth.js builds absolute URLs, sometimes with the wrong host: keep only path and query.
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = url.pathname + url.search + url.hash;
    } catch {
      return fallback;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  // Resolve against a dummy origin: whatever it normalises to must still be on that origin.
  const resolved = new URL(candidate, "http://staffroom.invalid");
  if (resolved.origin !== "http://staffroom.invalid") return fallback;
  // Dot segments can collapse into a protocol-relative path ("/..//evil.example" -> "//evil.example").
  if (resolved.pathname.startsWith("//")) return fallback;
  if (/^\/login\/?$/.test(resolved.pathname)) return fallback;
  return resolved.pathname + resolved.search + resolved.hash;
}
