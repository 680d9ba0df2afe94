// Starts the production server (server.ts on the existing `next build`) as a child process,
// for suites that need to restart, kill or multiply it: reliability, scale, benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, and wait for the process to exit. */
  stop: () => Promise<void>;
  /** SIGKILL to the primary and every worker at once, as when the machine loses power. */
  kill: () => Promise<void>;
  /** The worker processes' ids (Linux: from /proc); empty when one process serves. */
  workerPids: () => number[];
};

/**
 * `env` may set WEB_CONCURRENCY; unset, two workers, as `npm start` runs on a two-core
 * machine, so that every suite exercises several processes on one database.
 */
export type ServerOptions = { port: number; databaseUrl: string; env?: Record<string, string>; timeoutMs?: number };

export async function startServer({ port, databaseUrl, env = {}, timeoutMs = 60_000 }: ServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      BCRYPT_COST: "",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
      ADMIN_EMAIL: "admin@tests.test",
      ADMIN_PASSWORD: "Tests-admin-password-1",
      WEB_CONCURRENCY: "2",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own, so that kill() reaches the workers too.
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, "exit");

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${log}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${log}`);
    }
    const healthy = await fetch(`${url}/api/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (running()) child.kill("SIGTERM");
    await exited;
  };
  const kill = async () => {
    if (running()) process.kill(-child.pid!, "SIGKILL");
    await exited;
  };
  const workerPids = () =>
    fs
      .readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
  return { url, port, child, output: () => log, stop, kill, workerPids };
}
