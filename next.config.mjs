// Headers every response gets. Pages also get a per-request, nonce-based
// Content-Security-Policy from middleware.ts; everything else (API, static files) gets the
// strict one below, since none of it is meant to run scripts or be framed.
const STATIC_CSP = "default-src 'none'; frame-ancestors 'none'";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Every client gets the <title> in the <head> of the first bytes, not streamed in later:
  // screen readers announce it on arrival and axe checks it (the metadata is static, so
  // nothing waits for it).
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  // `npm test` type-checks with tsc first; checking again inside `next build` only adds time.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "piscina", "bcryptjs"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403 for logged-in non-admins.
    authInterrupts: true,
    // The ceiling: middleware.ts refuses posts over 1 MB everywhere but the CSV import
    // (lib/http/form-post-guard.ts, LARGE_FORM_POSTS).
    serverActions: { bodySizeLimit: "3mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
      // Every API answer but the API reference page, which sends its own nonce-based policy.
      { source: "/api/:path((?!docs$).*)", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
      // middleware.ts leaves these out (and so gives them no policy); today they are the 404 page.
      { source: "/:file(favicon\\.ico.*|robots\\.txt.*)", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
    ];
  },
};

export default nextConfig;
