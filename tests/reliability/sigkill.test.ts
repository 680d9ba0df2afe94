// (b) The server is killed with SIGKILL in the middle of a write load and restarted, a few
// times over (issue 6). After each kill, before anything else touches it, the SQLite file
// passes `PRAGMA integrity_check` and holds every acknowledged write: each todo that got a
// 201 is there with its title, each toggle that got a 200 has its state, each delete that
// got a 204 stays deleted. A write still in flight at the kill may have landed or not, but
// only whole: a todo exists once or not at all, a toggle or a delete happened or did not.
// Then the restarted server serves the same answers to the same tokens, and new writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, createStaffMember, issueToken } from "../support/api-client.ts";
import { LoadRecorder, until } from "../support/load.ts";
import { startServer, type ServerProcess } from "../support/server-process.ts";

const ROUNDS = Number(process.env.SIGKILL_ROUNDS) || 5;
const WRITERS = 8;
const PEOPLE = 2;
/** Acknowledged writes before each kill: at least this many, and up to half as many again. */
const WRITES_BEFORE_KILL = 300;
const PASSWORD = "Sigkill-test-passphrase-3";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-sigkill-"));
const file = path.join(dir, "sigkill.db");
const databaseUrl = `file:${file}`;
let server: ServerProcess;
const tokens: string[] = [];

beforeAll(async () => {
  server = await startServer({ port: 3642, databaseUrl });
  const admin = await issueToken(server.url, "admin@tests.test", "Tests-admin-password-1");
  for (let i = 0; i < PEOPLE; i++) {
    const email = `writer-${i}@tests.test`;
    await createStaffMember({ url: server.url, databaseUrl }, admin, { email, firstName: "Kill", lastName: "Tester", password: PASSWORD });
    tokens.push(await issueToken(server.url, email, PASSWORD));
  }
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type State = { title: string; completed: boolean };
type Row = State & { person: number };
/** A write sent but not answered when the server died. */
type Pending = { kind: "create"; title: string } | { kind: "toggle"; id: number; before: State; after: boolean } | { kind: "delete"; id: number; before: State };

/** One API client writing to one person's list; it acts only on the todos it created. */
class Writer {
  readonly owned = new Map<number, State>();
  readonly deleted = new Set<number>();
  pending: Pending | null = null;
  #writes = 0;

  readonly index: number;
  readonly person: number;

  constructor(index: number, person: number) {
    this.index = index;
    this.person = person;
  }

  get token() {
    return tokens[this.person]!;
  }

  nextTitle(round: number) {
    return `Round ${round} writer ${this.index} write ${++this.#writes}`;
  }

  anyOwned(): number {
    const ids = [...this.owned.keys()];
    return ids[Math.floor(Math.random() * ids.length)]!;
  }
}

describe("SIGKILL in the middle of a write load", () => {
  it(`loses no acknowledged write and leaves a sound database, ${ROUNDS} times over`, { timeout: ROUNDS * 120_000 + 60_000 }, async () => {
    const writers = Array.from({ length: WRITERS }, (_, index) => new Writer(index, index % PEOPLE));
    const problems: string[] = [];
    const totals = { acknowledged: 0, inFlight: 0, landed: 0 };

    /** Checks rows (id → row) against what the writers were told, strictly. */
    const verify = (rows: Map<number, Row>, where: string) => {
      const known = new Set<number>();
      for (const writer of writers) {
        for (const [id, state] of writer.owned) {
          known.add(id);
          const row = rows.get(id);
          if (!row) problems.push(`${where}: acknowledged todo ${id} ("${state.title}") is missing`);
          else if (row.title !== state.title || row.completed !== state.completed || row.person !== writer.person) {
            problems.push(`${where}: todo ${id} is ${JSON.stringify(row)}, acknowledged as ${JSON.stringify({ ...state, person: writer.person })}`);
          }
        }
        for (const id of writer.deleted) if (rows.has(id)) problems.push(`${where}: todo ${id}, acknowledged as deleted, is back`);
      }
      for (const [id, row] of rows) if (!known.has(id)) problems.push(`${where}: todo ${id} ("${row.title}") was never acknowledged`);
    };

    /** The writes in flight at the kill: each landed whole or not at all; adopt what landed. */
    const settle = (rows: Map<number, Row>) => {
      let landed = 0;
      const titles = new Map<string, number[]>();
      for (const [id, row] of rows) titles.set(row.title, [...(titles.get(row.title) ?? []), id]);
      for (const writer of writers) {
        const pending = writer.pending;
        writer.pending = null;
        if (!pending) continue;
        if (pending.kind === "create") {
          const ids = titles.get(pending.title) ?? [];
          if (ids.length > 1) problems.push(`in-flight create "${pending.title}" landed ${ids.length} times`);
          if (ids.length === 1) {
            writer.owned.set(ids[0]!, { title: pending.title, completed: rows.get(ids[0]!)!.completed });
            landed++;
          }
          continue;
        }
        const row = rows.get(pending.id);
        if (pending.kind === "toggle") {
          if (!row) problems.push(`todo ${pending.id} vanished during an in-flight toggle`);
          else {
            if (row.title !== pending.before.title) problems.push(`todo ${pending.id} changed title during an in-flight toggle`);
            if (row.completed === pending.after && pending.after !== pending.before.completed) landed++;
            writer.owned.set(pending.id, { title: row.title, completed: row.completed });
          }
        } else if (row) {
          if (row.title !== pending.before.title || row.completed !== pending.before.completed) problems.push(`todo ${pending.id} changed during an in-flight delete`);
        } else {
          writer.owned.delete(pending.id);
          writer.deleted.add(pending.id);
          landed++;
        }
      }
      return landed;
    };

    for (let round = 1; round <= ROUNDS; round++) {
      const recorder = new LoadRecorder();
      let killing = false;
      let acknowledged = 0;
      const counts = { create: 0, toggle: 0, delete: 0 };
      const errorsBeforeKill: string[] = [];

      const write = async (writer: Writer) => {
        while (!killing) {
          const roll = Math.random();
          const kind = writer.owned.size < 5 || roll < 0.6 ? "create" : roll < 0.85 ? "toggle" : "delete";
          const headers = bearer(writer.token);
          let pending: Pending;
          let answer;
          if (kind === "create") {
            const title = writer.nextTitle(round);
            writer.pending = pending = { kind, title };
            answer = await recorder.request(kind, `${server.url}/api/v1/todos`, { method: "POST", headers, body: JSON.stringify({ title }) }, [201]);
          } else {
            const id = writer.anyOwned();
            const before = writer.owned.get(id)!;
            if (kind === "toggle") {
              writer.pending = pending = { kind, id, before, after: !before.completed };
              answer = await recorder.request(kind, `${server.url}/api/v1/todos/${id}`, { method: "PATCH", headers, body: JSON.stringify({ completed: !before.completed }) }, [200]);
            } else {
              writer.pending = pending = { kind, id, before };
              answer = await recorder.request(kind, `${server.url}/api/v1/todos/${id}`, { method: "DELETE", headers }, [204]);
            }
          }
          if (!answer) {
            // The connection died: the kill, if it has begun; anything else is a failure.
            if (!killing) errorsBeforeKill.push(recorder.connectionErrors.at(-1)?.message ?? "connection error");
            return;
          }
          writer.pending = null;
          if (answer.status === 201 && pending.kind === "create") {
            const { todo } = JSON.parse(answer.text) as { todo: { id: number; title: string; completed: boolean } };
            writer.owned.set(todo.id, { title: todo.title, completed: todo.completed });
          } else if (answer.status === 200 && pending.kind === "toggle") {
            writer.owned.set(pending.id, { ...pending.before, completed: pending.after });
          } else if (answer.status === 204 && pending.kind === "delete") {
            writer.owned.delete(pending.id);
            writer.deleted.add(pending.id);
          } else {
            continue; // unexpected status, recorded by the recorder and asserted below
          }
          counts[kind]++;
          acknowledged++;
        }
      };

      const target = WRITES_BEFORE_KILL + Math.floor(Math.random() * (WRITES_BEFORE_KILL / 2));
      const load = Promise.all(writers.map(write));
      await until(() => acknowledged >= target || errorsBeforeKill.length > 0 || recorder.unexpected.length > 0, 120_000, `${target} acknowledged writes`);
      killing = true;
      const inFlightAtKill = recorder.inFlight;
      await server.kill();
      await load;
      const inFlight = writers.filter((writer) => writer.pending).length;

      expect(errorsBeforeKill).toEqual([]);
      expect(recorder.unexpected).toEqual([]);
      expect(recorder.serverErrors).toBe(0);

      // The file as the dead process left it, before any server opens it again.
      const sqlite = new Database(file);
      const integrity = sqlite.pragma("integrity_check") as { integrity_check: string }[];
      const foreignKeys = sqlite.pragma("foreign_key_check") as unknown[];
      const ownerIds = (sqlite.prepare(`SELECT id FROM staff WHERE email LIKE 'writer-%' ORDER BY email`).all() as { id: string }[]).map((row) => row.id);
      const fileRows = new Map(
        (sqlite.prepare(`SELECT id, title, completed, ownerId FROM todos`).all() as { id: number; title: string; completed: number; ownerId: string }[]).map((row) => [
          row.id,
          { title: row.title, completed: row.completed === 1, person: ownerIds.indexOf(row.ownerId) },
        ]),
      );
      sqlite.close();
      expect(integrity).toEqual([{ integrity_check: "ok" }]);
      expect(foreignKeys).toEqual([]);
      const landed = settle(fileRows);
      verify(fileRows, `round ${round}, the file after the kill`);

      // The same, through the restarted server and the tokens issued before the kills.
      server = await startServer({ port: 3642, databaseUrl });
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const apiRows = new Map<number, Row>();
      for (const [person, token] of tokens.entries()) {
        const response = await fetch(`${server.url}/api/v1/todos`, { headers: bearer(token) });
        expect(response.status).toBe(200);
        for (const todo of ((await response.json()) as { todos: { id: number; title: string; completed: boolean }[] }).todos) {
          apiRows.set(todo.id, { title: todo.title, completed: todo.completed, person });
        }
      }
      verify(apiRows, `round ${round}, the restarted server`);
      const fresh = await fetch(`${server.url}/api/v1/todos`, { method: "POST", headers: bearer(writers[0]!.token), body: JSON.stringify({ title: `After kill ${round}` }) });
      expect(fresh.status).toBe(201);
      const { todo } = (await fresh.json()) as { todo: { id: number; title: string; completed: boolean } };
      writers[0]!.owned.set(todo.id, { title: todo.title, completed: todo.completed });

      totals.acknowledged += acknowledged;
      totals.inFlight += inFlight;
      totals.landed += landed;
      console.log(
        `[sigkill] round ${round}: ${acknowledged} writes acknowledged (${counts.create} creates, ${counts.toggle} toggles, ${counts.delete} deletes), ` +
          `${inFlightAtKill} requests in flight at the kill (${inFlight} unanswered, ${landed} of them landed whole, ${inFlight - landed} not at all); ` +
          `integrity_check: ${integrity.map((row) => row.integrity_check).join(", ")}; ${fileRows.size} todos in the file; ` +
          `acknowledged writes missing: ${problems.length}; restarted and serving`,
      );
      expect(problems).toEqual([]);
    }
    console.log(`[sigkill] ${ROUNDS} kills: ${totals.acknowledged} acknowledged writes, all survived; ${totals.inFlight} in flight, ${totals.landed} of them landed`);
  });
});
