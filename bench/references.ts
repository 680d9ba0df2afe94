// The references the benchmark measures in the same run as Staffroom (issue 16): the Flask
// peer (bench/peer-flask, seed A's flask-todomvc under gunicorn) and the bare-Next.js page
// floor (bench/floor-next), each as a process of its own, plus the helper that starts any of
// them (the ceiling server too).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Reference = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Starts a server process and waits until `ready(url)` answers true. */
export async function startReference(what: string, command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; url: string; ready: (url: string) => Promise<boolean>; timeoutMs?: number }): Promise<Reference> {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const exited = once(child, "exit");
  for (const deadline = Date.now() + (options.timeoutMs ?? 30_000); ; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`${what} exited:\n${log}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${what} did not answer:\n${log}`);
    }
    if (await options.ready(options.url).catch(() => false)) break;
  }
  return {
    url: options.url,
    child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

const answers = (status: number) => async (url: string) => (await fetch(url, { redirect: "manual" })).status === status;

/**
 * The Python that has Flask, Flask-SQLAlchemy, Flask-Security and gunicorn (PEER_PYTHON, else
 * `python3` on the PATH, else /usr/bin/python3: a pyenv or virtualenv python3 first on the
 * PATH often lacks Debian's packages), or why there is none.
 */
export function flaskPython(): { python: string } | { missing: string } {
  const candidates = [process.env.PEER_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => !!c);
  const tried: string[] = [];
  for (const python of [...new Set(candidates)]) {
    try {
      execFileSync(python, ["-c", "import flask, flask_sqlalchemy, flask_security, gunicorn"], { stdio: "pipe" });
      return { python };
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split("\n").at(-1);
      tried.push(`${python}: ${stderr || (error as Error).message}`);
    }
  }
  return { missing: `no Python with flask, flask_sqlalchemy, flask_security and gunicorn (Debian: python3-flask python3-flask-sqlalchemy python3-flask-security gunicorn); tried ${tried.join("; ")}` };
}

export type FlaskPeer = Reference & { cookie: string; todoIds: number[]; workers: number };

/**
 * Seeds the peer's SQLite file (one user, the same 50 todos), starts gunicorn with one worker
 * per core (4 threads each), and logs in through its login form (CSRF token and all), keeping the cookie.
 */
export async function startFlaskPeer(python: string, tmp: string, port: number, user: { email: string; password: string }, todoCount: number): Promise<FlaskPeer> {
  const dir = path.resolve("bench/peer-flask");
  const env = { ...process.env, PEER_DATABASE: path.join(tmp, "peer-flask.db"), PYTHONDONTWRITEBYTECODE: "1" };
  execFileSync(python, ["app.py", "init", user.email, user.password, String(todoCount)], { cwd: dir, env, stdio: "pipe" });
  const workers = os.availableParallelism();
  const url = `http://127.0.0.1:${port}`;
  // gthread, not the default sync worker: sync closes the connection after every answer,
  // which a keep-alive load generator counts as errors (and Staffroom keeps connections open).
  const gunicorn = ["-m", "gunicorn", "--workers", String(workers), "--worker-class", "gthread", "--threads", "4", "--bind", `127.0.0.1:${port}`, "app:app"];
  const peer = await startReference("the Flask peer (gunicorn)", python, gunicorn, { env, cwd: dir, url, ready: (u) => answers(200)(`${u}/login`) });

  const form = await fetch(`${url}/login`);
  const csrf = /name="csrf_token" type="hidden" value="([^"]+)"/.exec(await form.text())?.[1];
  const formCookie = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!csrf) throw new Error("the Flask peer's login form has no csrf_token");
  const login = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: formCookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf_token: csrf, email: user.email, password: user.password }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("session="))?.split(";")[0];
  if (login.status !== 302 || !cookie) throw new Error(`logging in to the Flask peer: ${login.status}, ${cookie ? "a cookie" : "no cookie"}`);
  const page = await (await fetch(`${url}/`, { headers: { cookie } })).text();
  const todoIds = [...page.matchAll(/"id": ?(\d+)/g)].map((m) => Number(m[1]));
  return { ...peer, cookie, todoIds, workers };
}

/**
 * The bare-Next.js page floor: bench/floor-next built with the project's own `next` (its
 * .next stays in that folder, ignored by git), then `next start` on it.
 */
export async function startFloorNext(port: number): Promise<Reference> {
  const dir = path.resolve("bench/floor-next");
  const next = path.resolve("node_modules/next/dist/bin/next");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  execFileSync(process.execPath, [next, "build"], { cwd: dir, env, stdio: "pipe" });
  const url = `http://127.0.0.1:${port}`;
  return startReference("the bare Next.js floor", process.execPath, [next, "start", "--port", String(port), "--hostname", "127.0.0.1"], { env, cwd: dir, url, ready: answers(200), timeoutMs: 60_000 });
}
