// A production server with a database of its own, for the few specs whose rule depends on
// the whole database: "the last active administrator" cannot be checked on the shared
// server, where parallel tests keep creating administrators. It runs the same build and
// start-up as the suite's servers (serverEnv), on a free port and a fresh SQLite file
// whose only administrator is ADMIN, and is stopped (with its process group) afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";
import { DATA_DIR, serverEnv } from "./env";

export type DedicatedServer = { baseURL: string; databaseFile: string; stop: () => Promise<void>; output: () => string };

/** A port nobody listens on right now (the OS picks it from its ephemeral range). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

/** @param extra more environment for this server, e.g. AUTH_URL; with STAFFROOM_DATA_DIR its database is in that folder too. */
export async function startDedicatedServer(name: string, extra: Record<string, string> = {}): Promise<DedicatedServer> {
  const port = await freePort();
  const file = path.join(extra.STAFFROOM_DATA_DIR ?? DATA_DIR, `${name}-${randomUUID().slice(0, 8)}.db`);
  const baseURL = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn("npx", ["tsx", "e2e/support/start-server.ts"], {
    env: { ...process.env, ...serverEnv(port, `file:${file}`, extra) },
    // Its own process group: npx, tsx and node are stopped together.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await exited(child);
    }
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  };

  try {
    await expect
      .poll(
        async () => {
          if (child.exitCode !== null) throw new Error(`the dedicated server stopped:\n${output}`);
          return fetch(`${baseURL}/api/health`).then((response) => response.status, () => 0);
        },
        { timeout: 120_000, message: "the dedicated server answers /api/health" },
      )
      .toBe(200);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, databaseFile: file, stop, output: () => output };
}
