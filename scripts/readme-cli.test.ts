// The README's command-line examples, run as written (through `npm run staff`) and in their
// order on a fresh SQLite database, so that a newcomer's first commands cannot fail.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

function readmeCliExamples(): string[] {
  const readme = fs.readFileSync("README.md", "utf8");
  const section = readme.split(/^## The command line$/m)[1]!.split(/^## /m)[0]!;
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line.startsWith("npm run staff"));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-readme-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the README's command-line examples", () => {
  const examples = readmeCliExamples();

  it("are there to run", () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  // One after the other: each builds on what the ones before it made.
  it.each(examples)("%s", (line) => {
    const result = spawnSync("sh", ["-c", line], {
      // A password for the commands that ask for one (standard input is not a terminal here).
      input: "a-long-readme-passphrase\n",
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "staffroom.db")}`, STAFFROOM_DATA_DIR: dir },
      timeout: 60_000,
    });
    expect(result.stderr.replace(/^npm (warn|notice).*\n/gm, ""), line).not.toMatch(/staff: /);
    expect(result.status, `${line}\n${result.stdout}${result.stderr}`).toBe(0);
  });
});
