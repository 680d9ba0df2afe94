// The benchmark (issue 7): `npm run bench` builds, then runs this; `npm run bench:run` runs
// it on the existing build. What it measures and how to read it: bench/README.md.
//
//   BENCH_SECONDS=10 BENCH_WARMUP_SECONDS=3 BENCH_CONNECTIONS=16 npm run bench:run
//   DATABASE_URL=postgresql://postgres@127.0.0.1:54329/bench npm run bench:run   # resets its public schema!
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Client, Options } from "autocannon";
import pg from "pg";
import { startServer, type ServerProcess } from "../tests/support/server-process.ts";
import { machineCpuSeconds, runLoad, sampleRss, serverProcesses, startLoad, treeCpuSeconds, waitForIdle, waitForQuietMachine, type Load } from "./measure.ts";
import { updateReadme, withRatios, writeResults, type RunReport, type ScenarioResult } from "./report.ts";
import { flaskPython, startFlaskPeer, startFloorNext, startReference, type FlaskPeer, type Reference } from "./references.ts";
import { ADMIN, READER, seed, STAFF_COUNT, staffEmail, TODO_COUNT } from "./seed.ts";

function setting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}; got "${raw}"`);
  return value;
}

const SECONDS = setting("BENCH_SECONDS", 10);
const WARMUP_SECONDS = setting("BENCH_WARMUP_SECONDS", 3, 0);
const CONNECTIONS = setting("BENCH_CONNECTIONS", 16);
const LOGIN_CONNECTIONS = setting("BENCH_LOGIN_CONNECTIONS", 2);
const QUIET_WAIT_SECONDS = setting("BENCH_QUIET_WAIT_SECONDS", 20, 0);
const ATTACK_CONNECTIONS = 50;
const PORT = setting("BENCH_PORT", 3651);
const PORTS = { app: PORT, ceiling: PORT + 1, second: PORT + 2, floorPage: PORT + 3, peer: PORT + 4 } as const;
const WRONG_PASSWORD = "Not-the-password-1";

// For the whole run: the attack scenario's 50 clients come from made-up addresses
// (X-Forwarded-For, trusted with TRUST_PROXY=1) and the limits are out of reach, so every
// wrong password costs a full bcrypt comparison instead of a cheap 429.
const THROTTLE_OFF = "1000000";

const fmtRatio = (value: number | undefined) => (value === undefined ? "–" : `${value.toFixed(2)}×`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();

type Database = { kind: "sqlite" | "postgresql"; url: string; shownUrl: string };

async function prepareDatabase(tmp: string): Promise<Database> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured && /^postgres(ql)?:\/\//.test(configured)) {
    const client = new pg.Client({ connectionString: configured });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
    await client.end();
    const shown = new URL(configured);
    shown.password = shown.password ? "***" : "";
    console.log(`[bench] PostgreSQL: reset the public schema of ${shown}`);
    return { kind: "postgresql", url: configured, shownUrl: shown.toString() };
  }
  if (configured) console.log(`[bench] DATABASE_URL=${configured} is not PostgreSQL: using a fresh temporary SQLite file instead`);
  const file = path.join(tmp, "bench.db");
  console.log(`[bench] SQLite: ${file}`);
  return { kind: "sqlite", url: `file:${file}`, shownUrl: "a fresh temporary file" };
}

/** The ceiling server (bench/ceiling-server.ts) as its own process. */
const startCeiling = (databaseUrl: string) =>
  startReference("the ceiling server", process.execPath, ["--import", "tsx", "bench/ceiling-server.ts"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, PORT: String(PORTS.ceiling) },
    url: `http://127.0.0.1:${PORTS.ceiling}`,
    ready: async (url) => (await fetch(`${url}/api/v1/todos`)).status === 401,
  });

/** A response the scenario will repeat, checked once by hand: status and content. */
async function expectResponse(url: string, init: RequestInit, status: number, check: (body: string) => boolean, what: string): Promise<string> {
  const response = await fetch(url, { ...init, redirect: "manual" });
  const body = await response.text();
  if (response.status !== status || !check(body)) {
    throw new Error(`preflight for ${what}: expected ${status} and the right content, got ${response.status}: ${body.slice(0, 300)}`);
  }
  return body;
}

type Spec = {
  key: string;
  title: string;
  request: string;
  url: string | string[];
  pids: number[];
  expectStatus: number;
  connections?: number;
  options?: Partial<Options>;
  /** Between the warm-up and the measurement (e.g. removing what the warm-up made). */
  afterWarmup?: () => Promise<void>;
  /** False while other load runs on purpose (the attack). */
  waitForQuiet?: boolean;
  /** The Flask peer's row doing the same work: the table shows this row ÷ that one. */
  peer?: string;
  note?: string;
};

type Measured = { result: ScenarioResult; load: Load };

async function measure(spec: Spec): Promise<Measured> {
  const base: Options = { url: spec.url, connections: spec.connections ?? CONNECTIONS, timeout: 30, ...spec.options };
  process.stdout.write(`[bench] ${spec.title}: `);
  if (WARMUP_SECONDS > 0) await runLoad({ ...base, duration: WARMUP_SECONDS });
  await spec.afterWarmup?.();
  let waitedForQuietMs = 0;
  if (spec.waitForQuiet !== false) {
    await waitForIdle(spec.pids);
    if (QUIET_WAIT_SECONDS > 0) waitedForQuietMs = await waitForQuietMachine(spec.pids, { maxMs: QUIET_WAIT_SECONDS * 1000 });
  }

  // Every process of the server(s): a primary and its workers, counted together.
  const cpuBefore = new Map(serverProcesses(spec.pids).map((pid) => [pid, treeCpuSeconds([pid])]));
  const loadgenBefore = process.cpuUsage();
  const machineBefore = machineCpuSeconds();
  const rss = sampleRss(spec.pids);
  const startedAt = performance.now();
  const load = await runLoad({ ...base, duration: SECONDS });
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const rssMB = rss.stop();
  const serverCpu = serverProcesses(spec.pids).reduce((sum, pid) => sum + treeCpuSeconds([pid]) - (cpuBefore.get(pid) ?? 0), 0);
  const loadgen = process.cpuUsage(loadgenBefore);
  const machineBusy = machineCpuSeconds().busy - machineBefore.busy;
  const loadgenSeconds = (loadgen.user + loadgen.system) / 1e6;

  const { result, latency, statusCodes } = load;
  const requests = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  const clean = requests > 0 && result.errors === 0 && result.non2xx === 0 && Object.keys(statusCodes).every((code) => Number(code) === spec.expectStatus);
  const scenario: ScenarioResult = {
    key: spec.key,
    title: spec.title,
    request: spec.request,
    connections: base.connections!,
    seconds: result.duration,
    requests,
    reqPerSec: requests / result.duration,
    p50: latency.p50,
    p99: latency.p99,
    maxMs: latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    rssMB,
    processes: rss.processes(),
    serverCpuPercent: (serverCpu / wallSeconds) * 100,
    cpuMsPerRequest: requests > 0 ? (serverCpu * 1000) / requests : NaN,
    loadgenCpuPercent: (loadgenSeconds / wallSeconds) * 100,
    othersCpuPercent: (Math.max(0, machineBusy - serverCpu - loadgenSeconds) / wallSeconds) * 100,
    loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
    waitedForQuietSeconds: Number((waitedForQuietMs / 1000).toFixed(1)),
    clean,
    ...(spec.peer ? { peerKey: spec.peer } : {}),
    ...(spec.note ? { note: spec.note } : {}),
  };
  console.log(
    `${scenario.reqPerSec.toFixed(0)} req/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, ` +
      `statuses ${JSON.stringify(statusCodes)}, errors ${result.errors}, RSS ${rssMB.toFixed(0)} MB (${scenario.processes} processes), CPU ${scenario.cpuMsPerRequest.toFixed(2)} ms/req, ` +
      `CPU % of a core: server ${scenario.serverCpuPercent.toFixed(0)}, load generator ${scenario.loadgenCpuPercent.toFixed(0)}, others ${scenario.othersCpuPercent.toFixed(0)}${clean ? "" : "  << NOT CLEAN"}`,
  );
  return { result: scenario, load };
}

/** What the references say: the pages against the framework's floor, Staffroom against the Flask app it replaces. */
function referenceNotes(byKey: (key: string) => ScenarioResult | undefined, scenarios: ScenarioResult[]): string[] {
  const notes: string[] = [];
  const page = byKey("page-todos-rendered");
  const floorPage = byKey("floor-page");
  if (page && floorPage) {
    notes.push(`Page floor: bench/floor-next, a bare Next.js app of the same version (built with the project's own next, no middleware, no data), rendering a dynamic page with the same 50-item client list. The todo page rendered for each request reaches ${fmtRatio(page.pageFloorRatio)} of its req/s and costs ${(page.cpuMsPerRequest / floorPage.cpuMsPerRequest).toFixed(2)}× its CPU per request (${page.cpuMsPerRequest.toFixed(2)} vs ${floorPage.cpuMsPerRequest.toFixed(2)} ms).`);
  }
  const compared = scenarios.filter((s) => s.peerRatio !== undefined);
  if (compared.length > 0) {
    notes.push(`Flask peer: bench/peer-flask, seed A's flask-todomvc with Flask-Security on Debian's Flask under gunicorn (one sync worker per core), SQLite, logged in through its login form, the same 50 todos (checked). ÷ Flask = the Staffroom row's req/s ÷ the peer's; by CPU per request (the peer's ms/req ÷ Staffroom's): ${compared.map((s) => `${s.key} ${fmtRatio(s.peerCpuRatio)}`).join(", ")}. Staffroom runs as npm start ships it (its processes counted together).`);
  }
  return notes;
}

async function main() {
  process.chdir(path.resolve(import.meta.dirname, ".."));
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first (`npm run bench` does)");

  const startedAt = new Date().toISOString();
  const loadAverageAtStart = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "staffroom-bench-"));
  const database = await prepareDatabase(tmp);
  process.env.DATABASE_URL = database.url; // for lib/db/client.ts, imported below
  const rawDir = path.join("bench/results/raw", `${startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${database.kind}`);
  fs.mkdirSync(rawDir, { recursive: true });

  const serverEnv = {
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    STAFFROOM_DATA_DIR: tmp,
    TRUST_PROXY: "1",
    THROTTLE_IP_FAILURES: THROTTLE_OFF,
    THROTTLE_ACCOUNT_FAILURES: THROTTLE_OFF,
  };
  console.log(`[bench] server environment for the whole run: ${Object.entries(serverEnv).filter(([k]) => /TRUST|THROTTLE/.test(k)).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  console.log(`[bench] ${SECONDS} s per scenario after ${WARMUP_SECONDS} s of warm-up, ${CONNECTIONS} connections; load average ${loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")}`);

  const { db } = await import("../lib/db/client.ts");
  let app: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  let ceiling: Reference | undefined;
  let floorPage: Reference | undefined;
  let peer: FlaskPeer | undefined;
  const measured: Measured[] = [];
  const notes: string[] = [];
  try {
    app = await startServer({ port: PORTS.app, databaseUrl: database.url, env: serverEnv, timeoutMs: 120_000 });
    const appPid = app.child.pid!;
    console.log(`[bench] seeding: ${TODO_COUNT} todos, ${STAFF_COUNT.toLocaleString("en")} staff, tokens and sessions`);
    const seeded = await seed(app.url, db, CONNECTIONS);
    const todosUrl = `${app.url}/api/v1/todos`;
    const asReader = { Authorization: `Bearer ${seeded.reader.token}` };

    // Every scenario's response, checked once for the right content before it is repeated.
    const todosJson = await expectResponse(todosUrl, { headers: asReader }, 200, (b) => (JSON.parse(b) as { todos: unknown[] }).todos.length === TODO_COUNT, "todo read by token");
    await expectResponse(todosUrl, { headers: { cookie: seeded.reader.cookie } }, 200, (b) => b === todosJson, "todo read by cookie");
    const titles = Array.from({ length: TODO_COUNT }, (_, i) => `Benchmark todo ${String(i + 1).padStart(2, "0")}`);
    await expectResponse(`${app.url}/`, { headers: { cookie: seeded.reader.cookie } }, 200, (b) => titles.every((t) => b.includes(t)), "page /");
    await expectResponse(`${app.url}/?filter=all`, { headers: { cookie: seeded.reader.cookie } }, 200, (b) => titles.every((t) => b.includes(t)), "page /?filter=all");
    await expectResponse(`${app.url}/login`, {}, 200, (b) => b.includes("Log in to Staffroom") && b.includes('name="password"'), "page /login");
    const oneTodo = (JSON.parse(todosJson) as { todos: { id: number; title: string }[] }).todos[6]!;
    const oneTodoUrl = `${todosUrl}/${oneTodo.id}`;
    await expectResponse(oneTodoUrl, { headers: asReader }, 200, (b) => (JSON.parse(b) as { todo?: { title: string } }).todo?.title === oneTodo.title, "one todo by id");
    const staffCount = `${seeded.staffTotal.toLocaleString("en")} staff members`;
    await expectResponse(`${app.url}/admin/staff`, { headers: { cookie: seeded.adminCookie } }, 200, (b) => b.includes(staffCount) && b.includes(staffEmail(1).slice(0, 6)), "/admin/staff");
    await expectResponse(`${app.url}/admin/staff?page=1`, { headers: { cookie: seeded.adminCookie } }, 200, (b) => b.includes(staffCount) && b.includes(staffEmail(1).slice(0, 6)), "/admin/staff?page=1");

    const post = { method: "POST", headers: { Authorization: `Bearer ${seeded.writer.token}`, "Content-Type": "application/json" }, body: JSON.stringify({ title: "Benchmark write" }) };
    const login = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: READER.email, password: READER.password, name: "benchmark login" }) };
    await expectResponse(todosUrl, post, 201, (b) => b.includes('"title":"Benchmark write"'), "POST todo");
    await expectResponse(`${app.url}/api/v1/tokens`, login, 201, (b) => b.includes('"token":"sr_'), "login");
    const writerIds = [seeded.writer.id, ...seeded.writers.map((w) => w.id)];
    const clearWrites = async () => void (await db.todo.deleteMany({ where: { ownerId: { in: writerIds } } }));
    // Each connection writes as a writer of its own (a new connection takes the next one).
    let nextWriter = 0;
    const ownWriter = (client: Client) => {
      const { token } = seeded.writers[nextWriter++ % seeded.writers.length]!;
      client.setHeaders({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" });
    };
    await expectResponse(todosUrl, { ...post, headers: { ...post.headers, Authorization: `Bearer ${seeded.writers.at(-1)!.token}` } }, 201, (b) => b.includes('"title":"Benchmark write"'), "POST todo as another writer");
    await clearWrites();
    await expectResponse(`${app.url}/api/health/live`, {}, 200, (b) => b === '{"status":"ok"}', "floor");

    // 1. The floor, the todo read, and the ceiling, one after the other.
    measured.push(await measure({ key: "floor", title: "floor: GET /api/health/live (no I/O)", request: "GET /api/health/live", url: `${app.url}/api/health/live`, pids: [appPid], expectStatus: 200 }));
    measured.push(await measure({ key: "todo-read-token", title: "GET /api/v1/todos, 50 todos, by token", request: "GET /api/v1/todos with Authorization: Bearer", url: todosUrl, pids: [appPid], expectStatus: 200, options: { headers: asReader } }));

    ceiling = await startCeiling(database.url);
    await expectResponse(`${ceiling.url}/api/v1/todos`, { headers: asReader }, 200, (b) => isDeepStrictEqual(JSON.parse(b), JSON.parse(todosJson)), "ceiling (same JSON as the app)");
    measured.push(await measure({ key: "ceiling", title: `ceiling: node:http + ${database.kind === "sqlite" ? "better-sqlite3" : "pg"}, same read`, request: "GET /api/v1/todos with Authorization: Bearer (bench/ceiling-server.ts)", url: `${ceiling.url}/api/v1/todos`, pids: [ceiling.child.pid!], expectStatus: 200, options: { headers: asReader } }));
    await ceiling.stop();

    measured.push(await measure({ key: "todo-read-cookie", title: "GET /api/v1/todos, 50 todos, by cookie", request: "GET /api/v1/todos with the session cookie", url: todosUrl, pids: [appPid], expectStatus: 200, options: { headers: { cookie: seeded.reader.cookie } } }));
    measured.push(await measure({ key: "todo-read-one", title: "GET /api/v1/todos/<id>, one todo, by token", request: "GET /api/v1/todos/<id> with Authorization: Bearer", url: oneTodoUrl, pids: [appPid], expectStatus: 200, peer: "peer-todo-read-one", options: { headers: asReader } }));
    measured.push(await measure({ key: "todo-create", title: `POST /api/v1/todos, ${CONNECTIONS} users`, request: "POST /api/v1/todos {title} with Authorization: Bearer, each connection as a different user", url: todosUrl, pids: [appPid], expectStatus: 201, options: { ...post, setupClient: ownWriter }, afterWarmup: clearWrites, note: "writers other than the reader; what the warm-up and the measurement made is deleted after each" }));
    await clearWrites();
    measured.push(await measure({ key: "todo-create-one-user", title: `POST /api/v1/todos, 1 user on ${CONNECTIONS} connections`, request: "POST /api/v1/todos {title} with Authorization: Bearer, every connection as the same user", url: todosUrl, pids: [appPid], expectStatus: 201, options: post, afterWarmup: clearWrites, note: "one writer (not the reader); what the warm-up and the measurement made is deleted after each" }));
    await clearWrites();
    measured.push(await measure({ key: "page-todos", title: "page / with 50 todos (kept per session, lib/http/personal-page-cache.ts)", request: "GET / with the session cookie", url: `${app.url}/`, pids: [appPid], expectStatus: 200, peer: "peer-page-todos", options: { headers: { cookie: seeded.reader.cookie } } }));
    measured.push(await measure({ key: "page-todos-rendered", title: "page / with 50 todos and a query (rendered for each request)", request: "GET /?filter=all with the session cookie, which keeps it out of the todo page's cache", url: `${app.url}/?filter=all`, pids: [appPid], expectStatus: 200, peer: "peer-page-todos", options: { headers: { cookie: seeded.reader.cookie } } }));
    measured.push(await measure({ key: "page-login", title: "page /login, nobody logged in (shared, lib/http/public-page-cache.ts)", request: "GET /login without a cookie", url: `${app.url}/login`, pids: [appPid], expectStatus: 200, peer: "peer-page-login" }));
    measured.push(await measure({ key: "page-login-rendered", title: "page /login with a cookie (rendered for each request)", request: "GET /login with an unrelated cookie, which keeps it out of the shared-page cache", url: `${app.url}/login`, pids: [appPid], expectStatus: 200, peer: "peer-page-login", options: { headers: { cookie: "bench=1" } } }));

    // The bare-Next.js page floor: what the framework itself costs for the same 50-item client list.
    floorPage = await startFloorNext(PORTS.floorPage).catch((error: unknown) => {
      notes.push(`The bare-Next.js page floor (bench/floor-next) could not be built or started: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      return undefined;
    });
    if (floorPage) {
      await expectResponse(`${floorPage.url}/`, {}, 200, (b) => titles.every((t) => b.includes(t)), "the bare-Next.js page floor");
      measured.push(await measure({ key: "floor-page", title: "page floor: bare Next.js, dynamic page, same 50-item client list", request: "GET / on bench/floor-next (next start, no middleware, no data)", url: `${floorPage.url}/`, pids: [floorPage.child.pid!], expectStatus: 200 }));
      await floorPage.stop();
    }

    // The Flask peer: seed A's app under gunicorn, logged in through its own login form.
    const python = flaskPython();
    if ("missing" in python) {
      console.log(`[bench] the Flask peer is skipped: ${python.missing}`);
      notes.push(`The Flask peer was skipped: ${python.missing}.`);
    } else {
      peer = await startFlaskPeer(python.python, tmp, PORTS.peer, READER, TODO_COUNT);
      const asPeer = { cookie: peer.cookie };
      await expectResponse(`${peer.url}/`, { headers: asPeer }, 200, (b) => titles.every((t) => b.includes(t)), "the Flask peer's /");
      await expectResponse(`${peer.url}/login`, {}, 200, (b) => b.includes('name="password"'), "the Flask peer's /login");
      const peerTodoUrl = `${peer.url}/todos/${peer.todoIds[6]}`;
      await expectResponse(peerTodoUrl, { headers: asPeer }, 200, (b) => (JSON.parse(b) as { title?: string }).title === oneTodo.title, "the Flask peer's GET /todos/<id>");
      const flask = `Flask peer (gunicorn, ${peer.workers} workers)`;
      const peerPids = [peer.child.pid!];
      measured.push(await measure({ key: "peer-page-todos", title: `${flask}: page / with 50 todos`, request: "GET / on bench/peer-flask with its session cookie", url: `${peer.url}/`, pids: peerPids, expectStatus: 200, options: { headers: asPeer } }));
      measured.push(await measure({ key: "peer-page-login", title: `${flask}: page /login`, request: "GET /login on bench/peer-flask without a cookie", url: `${peer.url}/login`, pids: peerPids, expectStatus: 200 }));
      measured.push(await measure({ key: "peer-todo-read-one", title: `${flask}: GET /todos/<id>`, request: "GET /todos/<id> on bench/peer-flask with its session cookie", url: peerTodoUrl, pids: peerPids, expectStatus: 200, options: { headers: asPeer } }));
      await peer.stop();
    }
    measured.push(await measure({ key: "page-admin-staff", title: `page /admin/staff, ${STAFF_COUNT.toLocaleString("en")} staff (kept per session)`, request: "GET /admin/staff with an admin's session cookie (first page of 25)", url: `${app.url}/admin/staff`, pids: [appPid], expectStatus: 200, options: { headers: { cookie: seeded.adminCookie } } }));
    measured.push(await measure({ key: "page-admin-staff-rendered", title: `page /admin/staff?page=1, ${STAFF_COUNT.toLocaleString("en")} staff (rendered for each request)`, request: "GET /admin/staff?page=1 with an admin's session cookie: the same page, kept out of the cache by its query", url: `${app.url}/admin/staff?page=1`, pids: [appPid], expectStatus: 200, options: { headers: { cookie: seeded.adminCookie } } }));
    measured.push(await measure({ key: "login", title: `successful login (${LOGIN_CONNECTIONS} connections)`, request: "POST /api/v1/tokens {email, password} (bcrypt cost 12)", url: `${app.url}/api/v1/tokens`, connections: LOGIN_CONNECTIONS, pids: [appPid], expectStatus: 201, options: login }));

    // 2. The todo read while 50 clients keep failing logins (their traffic is not in the row).
    const attackIp = () => `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
    const attack = startLoad({
      url: `${app.url}/api/v1/tokens`,
      connections: ATTACK_CONNECTIONS,
      duration: 3600,
      timeout: 600,
      requests: [
        {
          method: "POST",
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, "content-type": "application/json", "x-forwarded-for": attackIp() },
            body: JSON.stringify({ email: staffEmail(1 + Math.floor(Math.random() * STAFF_COUNT)), password: WRONG_PASSWORD }),
          }),
        },
      ],
    });
    await sleep(2000); // every attacker has a request queued before the reads start
    const underAttack = await measure({
      key: "todo-read-under-attack",
      title: `GET /api/v1/todos by token, ${ATTACK_CONNECTIONS} clients failing logins`,
      request: "GET /api/v1/todos with Authorization: Bearer, while 50 other connections POST wrong passwords to /api/v1/tokens",
      url: todosUrl,
      pids: [appPid],
      expectStatus: 200,
      options: { headers: asReader },
      waitForQuiet: false,
    });
    attack.stop();
    const attackLoad = await attack.done;
    const attackRequests = Object.values(attackLoad.statusCodes).reduce((sum, count) => sum + count, 0);
    underAttack.result.attack = {
      connections: ATTACK_CONNECTIONS,
      requests: attackRequests,
      reqPerSec: Number((attackRequests / attackLoad.result.duration).toFixed(2)),
      errors: attackLoad.result.errors,
      timeouts: attackLoad.result.timeouts,
      statusCodes: attackLoad.statusCodes,
    };
    measured.push(underAttack);
    console.log(`[bench]   the attack itself: ${attackRequests} failed logins answered in ${attackLoad.result.duration} s, statuses ${JSON.stringify(attackLoad.statusCodes)}; waiting for the server to drain its queued bcrypt work`);
    await waitForIdle([appPid], { maxMs: 300_000 });

    // 3. One process per core: a second server on the same database, the load spread over both.
    second = await startServer({ port: PORTS.second, databaseUrl: database.url, env: serverEnv, timeoutMs: 120_000 });
    await expectResponse(`${second.url}/api/v1/todos`, { headers: asReader }, 200, (b) => b === todosJson, "todo read on the second server");
    measured.push(
      await measure({
        key: "todo-read-token-2-processes",
        title: "GET /api/v1/todos by token, 2 server processes (sum)",
        request: "GET /api/v1/todos with Authorization: Bearer, connections split over two server processes on the same database",
        url: [todosUrl, `${second.url}/api/v1/todos`],
        pids: [appPid, second.child.pid!],
        expectStatus: 200,
        options: { headers: asReader },
        note: "RSS is the sum of both processes",
      }),
    );

    for (const { result, load } of measured) fs.writeFileSync(path.join(rawDir, `${result.key}.json`), JSON.stringify(load.result, null, 2));
    fs.writeFileSync(path.join(rawDir, "attack.json"), JSON.stringify(attackLoad.result, null, 2));

    const scenarios = withRatios(measured.map((m) => m.result), "floor", "ceiling", "floor-page");
    const byKey = (key: string) => scenarios.find((s) => s.key === key)!;
    const findKey = (key: string) => scenarios.find((s) => s.key === key);
    const version = database.kind === "sqlite"
      ? ((await db.$queryRawUnsafe("SELECT sqlite_version() AS v")) as { v: string }[])[0]!.v
      : ((await db.$queryRawUnsafe("SELECT current_setting('server_version') AS v")) as { v: string }[])[0]!.v;
    const loadAverageAtEnd = os.loadavg();
    const cpus = os.cpus();

    notes.push(
      `Floor: GET /api/health/live of the same production build (no I/O). Ceiling: bench/ceiling-server.ts, plain node:http with ${database.kind === "sqlite" ? "better-sqlite3 on the same SQLite file" : "pg on the same database"}, doing the same token lookup and todo select and answering the same JSON (checked). × floor and × ceiling are each row's req/s divided by theirs. "Server CPU ms/req" is the server's CPU time (all threads) per response; "others' CPU %" is what the rest of the machine (other people's work, not the load generator) used meanwhile, in % of one core (${os.availableParallelism() * 100}% = the whole machine).`,
      ...(database.kind === "postgresql"
        ? ["PostgreSQL runs on the same machine and is shared with other work: its CPU (the database's share of every request) counts as others' CPU, and server CPU ms/req is the app process's alone (the ceiling's likewise)."]
        : []),
      `By server CPU per response, which depends much less on how busy the machine was than req/s does, the token todo read costs ${fmtRatio(byKey("todo-read-token").floorCpuRatio)} of the floor's efficiency (floor CPU ms/req ÷ its CPU ms/req) and ${fmtRatio(byKey("todo-read-token").ceilingCpuRatio)} of the ceiling's.`,
      `The load generator (autocannon, one thread) runs on the same ${cpus.length}-core machine as the server, and other work shared it (load average ${loadAverageAtStart.map((l) => l.toFixed(1)).join(" ")} at the start, ${loadAverageAtEnd.map((l) => l.toFixed(1)).join(" ")} at the end): absolute numbers are noisy, ratios within one run are what matter. The load generator used ${byKey("floor").loadgenCpuPercent}% of a core during the floor and ${byKey("ceiling").loadgenCpuPercent}% during the ceiling.`,
      `The server ran the whole benchmark with TRUST_PROXY=1 and THROTTLE_IP_FAILURES = THROTTLE_ACCOUNT_FAILURES = ${THROTTLE_OFF}, so that the ${ATTACK_CONNECTIONS} attackers (wrong passwords for random staff emails, a random X-Forwarded-For on every request) keep costing bcrypt work instead of a cheap 429. Their own traffic is not in the row: ${attackRequests} failed logins answered in ${attackLoad.result.duration} s (${underAttack.result.attack.reqPerSec}/s), statuses ${JSON.stringify(attackLoad.statusCodes)}.`,
      `Successful login: bcrypt cost 12 in ${process.env.BCRYPT_THREADS || Math.max(1, os.availableParallelism() - 1)} worker thread(s) (BCRYPT_THREADS, default cores − 1); each success also issues a token and writes the login fields and an audit entry.`,
      `POST /api/v1/todos writes as ${CONNECTIONS} users (one per connection), then as one user on all ${CONNECTIONS} connections (concurrent appends to one list); never as the reader, and their todos are deleted after each warm-up and measurement, so the reads always see exactly ${TODO_COUNT} todos.`,
      ...referenceNotes(findKey, scenarios),
      `2 server processes: a second server on port ${PORTS.second} on the same database; autocannon spreads the ${CONNECTIONS} connections over both; RSS is the sum.`,
    );

    const report: RunReport = {
      startedAt,
      finishedAt: new Date().toISOString(),
      database: { kind: database.kind, version, url: database.shownUrl },
      machine: {
        cpuModel: cpus[0]?.model.trim() ?? "unknown",
        cpus: cpus.length,
        memoryGB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        loadAverageAtStart: loadAverageAtStart.map((l) => Number(l.toFixed(2))),
        loadAverageAtEnd: loadAverageAtEnd.map((l) => Number(l.toFixed(2))),
      },
      git: { commit: git("rev-parse", "HEAD"), branch: git("rev-parse", "--abbrev-ref", "HEAD"), dirty: git("status", "--porcelain", "--", ".", ":!bench/results", ":!README.md").length > 0 },
      settings: {
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        quietWaitSeconds: QUIET_WAIT_SECONDS,
        connections: CONNECTIONS,
        loginConnections: LOGIN_CONNECTIONS,
        attackConnections: ATTACK_CONNECTIONS,
        serverEnv: { TRUST_PROXY: serverEnv.TRUST_PROXY, THROTTLE_IP_FAILURES: THROTTLE_OFF, THROTTLE_ACCOUNT_FAILURES: THROTTLE_OFF, NODE_ENV: "production" },
      },
      scenarios,
      notes,
    };
    const files = writeResults(report, "bench/results");
    const readme = process.env.BENCH_UPDATE_README !== "0" && updateReadme("README.md", report, files.json);
    console.log(`\n${fs.readFileSync(files.markdown, "utf8")}`);
    console.log(`[bench] wrote ${files.json} and ${files.markdown}${readme ? ", and the table in README.md" : ""}; raw autocannon results in ${rawDir}`);
    if (scenarios.some((s) => !s.clean)) {
      console.error("[bench] some scenarios had errors or unexpected statuses (marked “not clean”)");
      process.exitCode = 1;
    }
  } finally {
    await second?.stop();
    await ceiling?.stop();
    await floorPage?.stop();
    await peer?.stop();
    await app?.stop();
    await db.$disconnect();
    if (app) fs.writeFileSync(path.join(rawDir, "server.log"), app.output());
    if (second) fs.writeFileSync(path.join(rawDir, "server-2.log"), second.output());
    if (ceiling) fs.writeFileSync(path.join(rawDir, "ceiling.log"), ceiling.output());
    if (floorPage) fs.writeFileSync(path.join(rawDir, "floor-page.log"), floorPage.output());
    if (peer) fs.writeFileSync(path.join(rawDir, "peer-flask.log"), peer.output());
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
