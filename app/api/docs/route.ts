// GET /api/docs: the interactive API reference, drawn by Scalar (@scalar/api-reference) from
// this app's OpenAPI document. Everything comes from this site (the bundle from
// /api/docs/scalar.js, no CDN, no web fonts, no telemetry, no AI agent), under the page
// policy with inline styles allowed (lib/http/content-security-policy.ts). Public, like the
// document.
import { apiReferenceContentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";

const CONFIGURATION = {
  url: "/api/v1/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: true,
  showDeveloperTools: "never",
  // Only this site: no request proxy on scalar.com (the "Try it" requests go straight here).
  proxyUrl: "",
  darkMode: false,
  // The system's fonts: Scalar's stylesheet names Inter and a mono face from fonts.scalar.com.
  customCss: ":root, .light-mode, .dark-mode { --scalar-font: system-ui, sans-serif; --scalar-font-code: ui-monospace, monospace; }",
};

function page(nonce: string): string {
  const configuration = JSON.stringify({ ...CONFIGURATION, nonce }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>API reference – Staffroom</title>
    <link rel="icon" href="/favicon.ico">
  </head>
  <body>
    <noscript><p>The API reference needs JavaScript. The OpenAPI document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></noscript>
    <div id="api-reference"></div>
    <script nonce="${nonce}" src="/api/docs/scalar.js"></script>
    <script nonce="${nonce}">Scalar.createApiReference("#api-reference", ${configuration});</script>
  </body>
</html>
`;
}

export function GET() {
  const nonce = createNonce();
  return new Response(page(nonce), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": apiReferenceContentSecurityPolicy(nonce),
      "Cache-Control": "no-store",
    },
  });
}
