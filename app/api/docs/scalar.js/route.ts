// Scalar's standalone bundle, served from node_modules by the app itself (no CDN). Read
// once, from the project directory (the route runs bundled, like lib/auth/password.ts's worker).
// Its stylesheet declares web fonts on fonts.scalar.com whatever the configuration says;
// they become local() faces, which fetch nothing, so the page uses the system's fonts and
// nothing leaves this site (the CSP would refuse them anyway, with a console error each).
import fs from "node:fs/promises";
import path from "node:path";

const BUNDLE = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");

let bundle: Promise<string> | undefined;

export async function GET() {
  bundle ??= fs.readFile(BUNDLE, "utf8").then((code) => code.replace(/url\(https:\/\/fonts\.scalar\.com\/[^)]*\)/g, 'local("Scalar web font, not served")'));
  return new Response(await bundle, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
