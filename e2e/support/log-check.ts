// The suites' last check (globalTeardown in playwright.config.ts): no server of the run wrote a
// stack trace. The suites send a great deal of refused input on purpose; each refusal is to be
// one warning line (lib/http/refusal-log.ts, lib/auth/auth-log.ts), and a stack trace means
// either a refusal that reads like a crash or a real failure, a bug either way.
import fs from "node:fs";
import path from "node:path";
import { SERVER_LOG_DIR } from "./env";

const FRAME = /^\s+at \S/;

export default function checkServerLogs(): void {
  if (!fs.existsSync(SERVER_LOG_DIR)) return;
  const found: string[] = [];
  for (const name of fs.readdirSync(SERVER_LOG_DIR)) {
    const file = path.join(SERVER_LOG_DIR, name);
    // Only this run's servers (the logs of an interrupted earlier run may still be here).
    if (fs.statSync(file).mtimeMs < performance.timeOrigin) continue;
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines.forEach((line, index) => {
      // A trace's first frame, with the lines before it that say what was thrown.
      if (FRAME.test(line) && !FRAME.test(lines[index - 1] ?? "")) found.push(`${name}: ${lines.slice(Math.max(0, index - 2), index + 1).join("\n")}`);
    });
  }
  if (found.length > 0) {
    throw new Error(`The servers wrote ${found.length} stack trace(s) (logs in ${SERVER_LOG_DIR}):\n\n${found.slice(0, 10).join("\n\n")}`);
  }
}
