// `npm run staff -- set-password` at a real terminal: run in a pseudo-terminal (util-linux
// `script`), the password is typed only once each prompt is on the screen, as a person
// would, and everything the terminal showed is captured. Piped passwords keep working.
import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password.ts";
import { newStaff } from "../lib/testing/people.ts";
import { createTestDb, type TestDb } from "../lib/testing/test-db.ts";

const TYPED = "typed-at-the-terminal-4711";
const PIPED = "piped-on-standard-input-93";

let test: TestDb;
beforeAll(async () => {
  test = await createTestDb();
});
afterAll(async () => {
  await test.drop();
});

const cliEnv = () => ({ ...process.env, DATABASE_URL: test.url, TERM: "xterm" });

async function storedHashOf(email: string): Promise<string> {
  const person = await test.db.user.findUniqueOrThrow({ where: { email } });
  return (await test.db.password.findUniqueOrThrow({ where: { userId: person.id } })).hash;
}

/** Runs the command in a pseudo-terminal; types each answer once its prompt has appeared. */
function atTerminal(command: string, answers: { after: string; type: string }[]): Promise<{ screen: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env: cliEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    let next = 0;
    let answeredUpTo = 0;
    const onOutput = (chunk: Buffer) => {
      screen += chunk.toString("utf8");
      const answer = answers[next];
      if (answer && screen.indexOf(answer.after, answeredUpTo) !== -1) {
        answeredUpTo = screen.length;
        next += 1;
        child.stdin.write(`${answer.type}\r`);
      }
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.on("error", reject);
    child.on("close", (status) => resolve({ screen, status }));
  });
}

describe("set-password", () => {
  it("at a terminal, asks twice, shows nothing of what is typed and sets the password", async () => {
    const person = await newStaff(test.db, { email: "terminal@unit.test", password: "the-first-password-1" });
    const { screen, status } = await atTerminal(`npm run --silent staff -- set-password ${person.email}`, [
      { after: "New password", type: TYPED },
      { after: "Repeat it", type: TYPED },
    ]);
    expect(status, screen).toBe(0);
    expect(screen).toContain("New password");
    expect(screen).toContain("Repeat it");
    expect(screen).not.toContain(TYPED);
    // Not even a fragment of it (a prompt that echoes as it goes shows the first letters).
    expect(screen).not.toContain(TYPED.slice(0, 5));
    expect(await verifyPassword(TYPED, await storedHashOf(person.email))).toBe(true);
  }, 60_000);

  it("from a pipe, reads the password from standard input as before", async () => {
    const person = await newStaff(test.db, { email: "piped@unit.test", password: "the-first-password-1" });
    const result = spawnSync("npm", ["run", "--silent", "staff", "--", "set-password", person.email, "--password-stdin"], {
      input: `${PIPED}\n`,
      encoding: "utf8",
      env: cliEnv(),
      timeout: 60_000,
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(PIPED);
    expect(await verifyPassword(PIPED, await storedHashOf(person.email))).toBe(true);
  }, 60_000);
});
