// PostgreSQL goes away under load and comes back (issue 7): requests fail cleanly (503
// JSON), none hangs past its timeout, the server does not crash, the health check says
// 503 while the database is gone, and everything works again soon after it returns.
// The suite runs its own PostgreSQL cluster (.ci/postgres.sh) so that it can stop it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, issueToken } from "../support/api-client.ts";
import { startServer, type ServerProcess } from "../support/server-process.ts";

const PORT = 54339;
const clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-faults-"));
const cluster = (action: "start" | "stop") => execFileSync("bash", [".ci/postgres.sh", action, clusterDir, String(PORT)], { stdio: ["ignore", "pipe", "inherit"] });
const REQUEST_TIMEOUT_MS = 15_000;

let server: ServerProcess;
let token: string;

beforeAll(async () => {
  cluster("start");
  execFileSync("psql", [`postgresql://postgres@127.0.0.1:${PORT}/postgres`, "-qc", "CREATE DATABASE faults"]);
  server = await startServer({ port: 3631, databaseUrl: `postgresql://postgres@127.0.0.1:${PORT}/faults` });
  token = await issueToken(server.url, "admin@tests.test", "Tests-admin-password-1");
});

afterAll(async () => {
  await server?.stop();
  cluster("stop");
  fs.rmSync(clusterDir, { recursive: true, force: true });
});

type Outcome = { status: number; json: boolean; ok: boolean };

async function call(url: string, init: RequestInit = {}): Promise<Outcome> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const type = response.headers.get("content-type") ?? "";
  await response.arrayBuffer();
  return { status: response.status, json: type.includes("application/json"), ok: response.ok };
}

describe("PostgreSQL restarts under load", () => {
  it("fails requests cleanly while it is down and recovers by itself", async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const load = async () => {
      for (let i = 0; running; i++) {
        const write = i % 3 === 0;
        outcomes.push(
          await call(`${server.url}/api/v1/todos`, write ? { method: "POST", headers: bearer(token), body: JSON.stringify({ title: `Under load ${i}` }) } : { headers: bearer(token) }),
        );
      }
    };
    const workers = Array.from({ length: 6 }, load);

    // Healthy traffic first, then pull the database away.
    while (outcomes.filter((o) => o.ok).length < 30) await new Promise((resolve) => setImmediate(resolve));
    cluster("stop");
    const downAt = outcomes.length;
    while (outcomes.slice(downAt).filter((o) => !o.ok).length < 30) await new Promise((resolve) => setImmediate(resolve));
    const health = await call(`${server.url}/api/health`);
    expect(health.status).toBe(503);

    cluster("start");
    const upAt = Date.now();
    let recoveredAfterMs = -1;
    while (recoveredAfterMs < 0) {
      const probe = await call(`${server.url}/api/v1/todos`, { headers: bearer(token) });
      if (probe.ok) recoveredAfterMs = Date.now() - upAt;
      else if (Date.now() - upAt > 30_000) throw new Error("the app did not recover within 30 s of the database coming back");
    }
    const recoveredAt = outcomes.length;
    while (outcomes.slice(recoveredAt).filter((o) => o.ok).length < 30) await new Promise((resolve) => setImmediate(resolve));
    running = false;
    await Promise.all(workers);

    const failures = outcomes.filter((o) => !o.ok);
    expect(failures.length).toBeGreaterThan(0);
    // Every failure is the API's clean "try again" answer: JSON 503, never a 500 or a hang
    // (a hang would have thrown a TimeoutError out of call()).
    expect(new Set(failures.map((o) => `${o.status} ${o.json ? "json" : "other"}`))).toEqual(new Set(["503 json"]));
    expect(server.child.exitCode).toBeNull();
    expect((await call(`${server.url}/api/health`)).status).toBe(200);
    expect(outcomes.slice(-20).every((o) => o.ok)).toBe(true);
    console.log(`[faults] ${outcomes.length} requests, ${failures.length} failed cleanly while down; recovered ${recoveredAfterMs} ms after the restart`);
  });
});
