import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { protectLocalState } from "./private-files.ts";

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

afterEach(() => vi.unstubAllEnvs());

describe("protectLocalState", () => {
  it("creates the data folder 0700 and the SQLite database 0600, and tightens files left world-readable", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-files-"));
    const folder = path.join(root, "data");
    vi.stubEnv("STAFFROOM_DATA_DIR", folder);
    vi.stubEnv("DATABASE_URL", `file:${path.join(folder, "staffroom.db")}`);
    protectLocalState();
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(path.join(folder, "staffroom.db"))).toBe(0o600);

    fs.chmodSync(folder, 0o755);
    for (const suffix of ["", "-wal", "-shm"]) fs.writeFileSync(path.join(folder, `staffroom.db${suffix}`), "", { mode: 0o644 });
    fs.chmodSync(path.join(folder, "staffroom.db"), 0o644);
    protectLocalState();
    expect(modeOf(folder)).toBe(0o700);
    for (const suffix of ["", "-wal", "-shm"]) expect(modeOf(path.join(folder, `staffroom.db${suffix}`)), suffix).toBe(0o600);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("leaves PostgreSQL alone apart from the data folder", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-files-"));
    vi.stubEnv("STAFFROOM_DATA_DIR", path.join(root, "data"));
    vi.stubEnv("DATABASE_URL", "postgresql://u@localhost/db");
    protectLocalState();
    expect(fs.readdirSync(path.join(root, "data"))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
