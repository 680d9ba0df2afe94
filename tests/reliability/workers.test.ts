// `npm start` with two worker processes on one SQLite database (issue 16): a person's
// session, its revocation and the two-factor policy hold in every worker at once, because
// they are read from the database on each request; a worker that dies is replaced while
// the others keep answering; SIGTERM lets every worker finish what it is doing, then the
// server exits 0; workers that cannot start make the server give up with a clear message.
// Each response names the worker that answered (X-Staffroom-Worker, enabled for tests only).
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHED_PAGE_HEADER } from "../../lib/http/public-page-cache.ts";
import { bearer, createStaffMember, issueToken, loginCookie, logoutCookie } from "../support/api-client.ts";
import { startServer, type ServerProcess } from "../support/server-process.ts";

const PORT = 3644;
const PASSWORD = "Workers-test-passphrase-5";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-workers-"));
const databaseUrl = `file:${path.join(dir, "workers.db")}`;
let server: ServerProcess;
let admin: string;

type Answer = { status: number; worker: number; location: string | undefined; body: string; shared: boolean };

/**
 * One request on a connection of its own: node:cluster hands each new connection to the
 * next worker in turn, so consecutive calls reach every worker.
 */
function freshRequest(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${pathname}`, { method, headers, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode!,
          worker: Number(response.headers["x-staffroom-worker"]),
          location: response.headers.location,
          body,
          shared: response.headers[CACHED_PAGE_HEADER] === "hit",
        }),
      );
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer to ${pathname} within 10 s`)));
    request.on("error", reject);
    request.end();
  });
}

/** Asks until every worker has answered once (or gives up); returns each worker's answer. */
async function askEveryWorker(pathname: string, headers: Record<string, string> = {}): Promise<Map<number, Answer[]>> {
  const workers = server.workerPids();
  const answers = new Map<number, Answer[]>();
  for (let i = 0; i < 20 && answers.size < workers.length; i++) {
    const answer = await freshRequest(pathname, headers);
    answers.set(answer.worker, [...(answers.get(answer.worker) ?? []), answer]);
  }
  expect([...answers.keys()].sort()).toEqual([...workers].sort());
  return answers;
}

async function createPerson(email: string) {
  await createStaffMember({ url: server.url, databaseUrl }, admin, { email, firstName: "Two", lastName: "Workers", password: PASSWORD });
  return email;
}

beforeAll(async () => {
  server = await startServer({ port: PORT, databaseUrl, env: { WEB_CONCURRENCY: "2", STAFFROOM_WORKER_HEADER: "1" } });
  admin = await issueToken(server.url, "admin@tests.test", "Tests-admin-password-1");
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("two workers, one database", () => {
  it("runs two worker processes beside the primary, and says so", async () => {
    expect(server.workerPids()).toHaveLength(2);
    expect(server.output()).toMatch(/ready on http:\/\/127\.0\.0\.1:3644 \(production, 2 workers\)/);
    const answers = await askEveryWorker("/api/health/live");
    for (const [, [answer]] of answers) expect(answer!.status).toBe(200);
  });

  it("a session ended through one worker is refused by every worker on the next request", async () => {
    const email = await createPerson("revoked@tests.test");
    const cookie = await loginCookie(server.url, email, PASSWORD);
    // Every worker has now read (and kept the decrypted form of) the cookie.
    for (const [, answers] of await askEveryWorker("/api/v1/me", { cookie })) expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));

    expect(await logoutCookie(server.url, cookie)).toBe(303);

    const after = await askEveryWorker("/api/v1/me", { cookie });
    for (const [, answers] of after) expect(answers.map((a) => a.status)).toEqual(answers.map(() => 401));
    // The page too: to the login page, in each worker.
    for (const [, answers] of await askEveryWorker("/", { cookie })) {
      for (const answer of answers) expect(answer.location).toMatch(/^\/login/);
    }
  });

  it("a two-factor policy set elsewhere applies in every worker at once", async () => {
    const email = await createPerson("policy@tests.test");
    const cookie = await loginCookie(server.url, email, PASSWORD);
    for (const [, answers] of await askEveryWorker("/", { cookie })) for (const answer of answers) expect(answer.status).toBe(200);

    // As another instance (or the CLI) would: straight into the shared database.
    const { createDb } = await import("../../lib/db/client.ts");
    const { setTwoFactorPolicy } = await import("../../lib/auth/two-factor/policy.ts");
    const db = createDb(databaseUrl);
    try {
      await setTwoFactorPolicy(db, "system", "everyone");
      for (const [, answers] of await askEveryWorker("/", { cookie })) {
        for (const answer of answers) expect(answer.location).toBe("/account/security");
      }
    } finally {
      await setTwoFactorPolicy(db, "system", "nobody");
      await db.$disconnect();
    }
  });

  it("every worker answers the public pages from its own shared copy", async () => {
    for (const page of PUBLIC_PAGES) await sharedByEveryWorker(page);
  });

  it("a worker that is killed is replaced, and the server answers all along", async () => {
    const [victim, survivor] = server.workerPids();
    process.kill(victim!, "SIGKILL");
    // A connection handed to the victim as it died is lost with it, as with any process that
    // is killed; from the moment the primary knows, every request is answered.
    await waitFor(async () => server.output().includes(`(pid ${victim}) was killed (SIGKILL); starting another`), 10_000, "the primary to notice");
    const seen = new Set<number>();
    await waitFor(async () => {
      const answer = await freshRequest("/api/health/live");
      expect(answer.status).toBe(200);
      seen.add(answer.worker);
      return server.workerPids().length === 2 && [...seen].some((pid) => pid !== victim && pid !== survivor);
    }, 60_000, "a new worker answering");
    expect(server.workerPids()).not.toContain(victim);
    expect(seen).not.toContain(victim);
  });

  it("the worker started in its place shares the public pages too, though the other one already does", async () => {
    // Its render for the cache reaches either worker; the one that shares the page already
    // must render it all the same, or the new worker would have no nonce to replace.
    for (const page of PUBLIC_PAGES) await sharedByEveryWorker(page);
  });

  it("on SIGTERM, a request in flight is finished before the server exits 0", async () => {
    const email = await createPerson("draining@tests.test");
    const token = await issueToken(server.url, email, PASSWORD);
    const body = JSON.stringify({ title: "Finished while stopping" });
    // "Expect: 100-continue": the worker's answer "100 Continue" proves it holds the request;
    // the body follows only once the server has stopped taking new connections.
    let inWorker!: () => void;
    const received = new Promise<void>((resolve) => (inWorker = resolve));
    const request = http.request(`${server.url}/api/v1/todos`, {
      method: "POST",
      headers: { ...bearer(token), "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
      agent: false,
    });
    request.on("continue", inWorker);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, text }));
      });
      request.on("error", reject);
    });
    request.flushHeaders();
    await received;
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    await waitFor(async () => !(await accepts(PORT)), 15_000, "the server to stop taking connections");
    request.end(body);
    const { status, text } = await answer;
    expect(status).toBe(201);
    expect(JSON.parse(text)).toMatchObject({ todo: { title: "Finished while stopping" } });
    expect(await exited).toBe(0);
  });
});

/** The public pages this server shows (sign-up is off here, so /signup is a 404). */
const PUBLIC_PAGES = ["/login", "/forgot-password"];

/** Asks on new connections until every worker has answered the page from its shared copy. */
async function sharedByEveryWorker(pathname: string): Promise<void> {
  const sharing = new Set<number>();
  await waitFor(async () => {
    const answer = await freshRequest(pathname);
    expect(answer.status).toBe(200);
    if (answer.shared) sharing.add(answer.worker);
    return server.workerPids().every((pid) => sharing.has(pid));
  }, 10_000, `every worker to share ${pathname}`);
}

/** Asks again every few milliseconds until the condition holds. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether a new connection to the port is taken. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("workers that cannot start", () => {
  it("make the server give up, non-zero, saying why, instead of forking for ever", async () => {
    // The port is taken: each worker's listen fails.
    const squatter = net.createServer((socket) => socket.destroy()).listen(3645, "127.0.0.1");
    await new Promise((resolve) => squatter.once("listening", resolve));
    try {
      const failed = await startServer({ port: 3645, databaseUrl, env: { WEB_CONCURRENCY: "2" }, timeoutMs: 60_000 }).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(failed).toMatch(/server exited with 1 before answering/);
      expect(failed).toMatch(/workers in a row did: giving up/);
      expect(failed).toMatch(/EADDRINUSE/);
    } finally {
      squatter.close();
    }
  });
});
