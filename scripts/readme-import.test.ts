// The README's "Importing" examples, run as written (through `npm run staff`) and in their
// order on a fresh SQLite database, as scripts/readme-cli.test.ts does for "The command line".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

function readmeImportExamples(): string[] {
  const readme = fs.readFileSync("README.md", "utf8");
  const section = readme.split(/^## Importing$/m)[1]!.split(/^## /m)[0]!;
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-readme-import-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the README's importing examples", () => {
  const examples = readmeImportExamples();

  it("are there to run", () => {
    expect(examples.filter((line) => line.startsWith("npm run staff")).length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples)("%s", (line) => {
    const result = spawnSync("sh", ["-c", line], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "staffroom.db")}`, STAFFROOM_DATA_DIR: dir, NODE_ENV: "production", BCRYPT_COST: "" },
      timeout: 120_000,
    });
    expect(result.stderr.replace(/^npm (warn|notice).*\n/gm, ""), line).not.toMatch(/staff: /);
    expect(result.status, `${line}\n${result.stdout}${result.stderr}`).toBe(0);
  }, 120_000);
});
