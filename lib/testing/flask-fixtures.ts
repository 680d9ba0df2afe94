// The four Flask seed applications' databases, written by their own libraries
// (scripts/fixtures/flask-seeds.py, Debian's python3-flask-security, -werkzeug, -passlib),
// for the tests of the legacy hashes and of `npm run staff -- import-flask`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { flaskFixturesPython } from "../config/env.ts";

export type FixturePerson = {
  email: string;
  password: string | null;
  active: boolean;
  roles: string[];
  firstName?: string | null;
  lastName?: string | null;
  username?: string;
  subjectGroup?: string | null;
  method?: string;
  loginCount?: number;
  breaksRules?: boolean;
  unknownHash?: boolean;
};

type App = { app: string; people: FixturePerson[] };
export type FlaskFixtures = {
  dir: string;
  files: { todomvc: string; doubledibz: string; staff: string; tokenAuth: string };
  todomvc: App & { salt: string; saltHex: string; todos: { title: string; completed: boolean }[] };
  doubledibz: App;
  staff: App & { subjectGroups: string[] };
  tokenAuth: App & { salt: string };
};

const PYTHON = flaskFixturesPython();

/** Generates the databases into a new temporary directory (a few seconds: the hashes are real). */
export function makeFlaskFixtures(dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-flask-"))): FlaskFixtures {
  execFileSync(PYTHON, [path.resolve("scripts/fixtures/flask-seeds.py"), dir], { stdio: ["ignore", "ignore", "inherit"] });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "people.json"), "utf8")) as Omit<FlaskFixtures, "dir" | "files">;
  return {
    ...manifest,
    dir,
    files: {
      todomvc: path.join(dir, "todomvc.db"),
      doubledibz: path.join(dir, "doubledibz.db"),
      staff: path.join(dir, "staff.db"),
      tokenAuth: path.join(dir, "token-auth.db"),
    },
  };
}
