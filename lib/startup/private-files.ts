// The data folder and the SQLite database hold password hashes, session ids and the
// AUTH_SECRET: only the account Staffroom runs as may read them (docs/operations.md).
// SQLite creates its -wal and -shm files with the mode of the database file, so the database
// is created 0600 before SQLite first opens it; files an earlier version left 0644 are
// tightened at every start.
import fs from "node:fs";
import path from "node:path";
import { dataDir, databaseKind, databaseUrl } from "../config/env.ts";
import { sqliteFilePath } from "../db/sqlite-adapter.ts";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const SQLITE_COMPANIONS = ["", "-wal", "-shm", "-journal"];

export function protectLocalState(): void {
  const folder = dataDir();
  fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(folder, PRIVATE_DIR_MODE);

  const url = databaseUrl();
  if (databaseKind(url) !== "sqlite") return;
  const file = sqliteFilePath(url);
  if (file === ":memory:" || file === "") return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: PRIVATE_DIR_MODE });
  // "a": creates it empty (a valid, empty SQLite database) or leaves it as it is.
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
  for (const suffix of SQLITE_COMPANIONS) {
    try {
      fs.chmodSync(file + suffix, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
