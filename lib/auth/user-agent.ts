// "Firefox 128 on Windows 10", from a User-Agent header, by bowser (not a regular expression
// of our own): for the sessions page.
import Bowser from "bowser";

export function describeUserAgent(userAgent: string | null | undefined): { browser: string; system: string } {
  if (!userAgent) return { browser: "Unknown browser", system: "unknown system" };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split(".")[0];
  const browser = parsed.browser.name ? `${parsed.browser.name}${major ? ` ${major}` : ""}` : "Unknown browser";
  const osVersion = parsed.os.versionName ?? parsed.os.version;
  const system = parsed.os.name ? `${parsed.os.name}${osVersion ? ` ${osVersion}` : ""}` : "unknown system";
  return { browser, system };
}
