// Fills in the environment the embedded default needs, before anything reads it: the
// SQLite location and an AUTH_SECRET generated once and kept beside the database (mode
// 0600, git-ignored), so that sessions survive restarts without any configuration.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { authSecret, dataDir, databaseKind, databaseUrl } from "../config/env.ts";
import { PRIVATE_FILE_MODE, protectLocalState } from "./private-files.ts";

export function prepareEnvironment(): { secretSource: "environment" | "file" | "generated" } {
  process.env.DATABASE_URL = databaseUrl();
  databaseKind(); // fails early, with a clear message, on an unsupported URL
  protectLocalState();
  if (authSecret()) return { secretSource: "environment" };

  const secretFile = path.join(dataDir(), "auth-secret");
  if (fs.existsSync(secretFile)) {
    process.env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
    return { secretSource: "file" };
  }
  const secret = randomBytes(32).toString("base64url");
  // "wx": if another process wrote it first, use theirs.
  try {
    fs.writeFileSync(secretFile, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: "wx" });
    process.env.AUTH_SECRET = secret;
    return { secretSource: "generated" };
  } catch {
    process.env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
    return { secretSource: "file" };
  }
}
