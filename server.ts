// Staffroom's server: prepares the environment and the database, then serves the Next.js
// production build. A custom server (docs/decisions/005-custom-server.md) because `next
// start` cannot tell the client's real address from a forged X-Forwarded-For header, and
// throttling and the audit log need it.
//
//
// `npm start` serves with one worker process per core (WEB_CONCURRENCY): this process, the
// primary, prepares everything once, then forks the workers, which only serve
// (lib/startup/workers.ts). With one worker, and in development, it serves itself.
//
//   npm start            production build (run `npm run build` first)
//   npm run dev          development server with hot reload
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import next from "next";
import {
  listenHostname,
  listenPort,
  servedOverHttps,
  trustedProxyCount,
  webConcurrency,
  workerHeaderEnabled,
} from "./lib/config/env.ts";
import { prepareIncomingHeaders, REFUSAL_HEADERS, responseHeaders } from "./lib/http/incoming.ts";
import { refuseMethod } from "./lib/http/methods.ts";
import { PersonalPageCache } from "./lib/http/personal-page-cache.ts";
import { cacheablePath, cachedAnswer, PublicPageCache, RENDER_REQUEST_HEADERS, type CachedPage } from "./lib/http/public-page-cache.ts";
import { logRefusal } from "./lib/http/refusal-log.ts";
import { ROUTER_STATE_HEADER, routerStateProblem } from "./lib/http/router-state.ts";
import { ACTION_HEADER, ACTION_NOT_FOUND_HEADER, actionIdProblem, loadActionIds } from "./lib/http/server-action-ids.ts";
import { prepareEnvironment } from "./lib/startup/prepare-environment.ts";
import { superviseWorkers } from "./lib/startup/workers.ts";

const dev = process.argv.includes("--dev");
const port = listenPort();
const hostname = listenHostname();

async function prepareDatabase() {
  // Imported only now: these modules read the environment prepareEnvironment() completed.
  const { migrateDatabase } = await import("./lib/db/migrations.ts");
  const { createDb } = await import("./lib/db/client.ts");
  const { ensureFirstAdmin, ensureRoles } = await import("./lib/staff/bootstrap.ts");
  const { closePasswordWorkers } = await import("./lib/auth/password.ts");

  const report = await migrateDatabase();
  for (const warning of report.warnings) console.warn(`[staffroom] warning: ${warning}`);
  if (report.applied.length > 0) console.log(`[staffroom] applied migrations: ${report.applied.join(", ")}`);

  const db = createDb();
  try {
    await ensureRoles(db);
    const admin = await ensureFirstAdmin(db);
    if (admin.created && admin.generatedPassword) {
      console.log(
        `\n[staffroom] Created the first administrator. Log in with\n` +
          `    email:    ${admin.email}\n    password: ${admin.generatedPassword}\n` +
          `  and change the password at once. This is the only time it is shown.\n`,
      );
    } else if (admin.created) {
      console.log(`[staffroom] Created the first administrator, ${admin.email}.`);
    }
  } finally {
    await db.$disconnect();
    await closePasswordWorkers();
  }
}

const readyLine = (workers: number) =>
  `[staffroom] ready on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"}, ` +
  `${workers} ${workers === 1 ? "process" : "workers"})`;

async function main() {
  if (!dev) (process.env as Record<string, string>).NODE_ENV ??= "production";
  // A worker inherits the environment the primary completed; the database is ready.
  if (cluster.isWorker) return serve({ worker: true });
  prepareEnvironment();
  await prepareDatabase();

  const workers = dev ? 1 : webConcurrency(availableParallelism());
  if (dev && webConcurrency(1) > 1) console.warn("[staffroom] WEB_CONCURRENCY is ignored in development: one process serves");
  if (workers === 1) return serve({ worker: false });
  superviseWorkers({ count: workers, exec: fileURLToPath(import.meta.url), onReady: () => console.log(readyLine(workers)) });
}

/** The HTTP server: in this process alone, or in each worker. */
async function serve({ worker }: { worker: boolean }) {
  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // The build's actions; in development they change as files do, and Next.js' own check is enough.
  const actionIds = dev ? null : loadActionIds();
  const trustedProxies = trustedProxyCount();
  const everyResponse = Object.entries({
    ...responseHeaders({ https: servedOverHttps() }),
    ...(workerHeaderEnabled() ? { "X-Staffroom-Worker": String(process.pid) } : {}),
  });
  // In development every page changes as files do: nothing is kept.
  const publicPages = dev
    ? null
    : new PublicPageCache((path) => fetch(ownAddress(server, path), { headers: RENDER_REQUEST_HEADERS, redirect: "manual" }));
  const personalPages = dev ? null : await personalPageCache(() => server);
  const server = createServer((request, response) => {
    prepareIncomingHeaders(request.headers, request.socket.remoteAddress, trustedProxies);
    for (const [name, value] of everyResponse) response.setHeader(name, value);
    const answerFrom = (page: CachedPage) => {
      const { headers, body } = cachedAnswer(page, request.headers["accept-encoding"]);
      response.writeHead(200, headers);
      response.end(body);
    };
    const cacheable = publicPages && cacheablePath(request.method, request.url, request.headers);
    const page = cacheable ? publicPages.get(cacheable) : null;
    if (page) return answerFrom(page);
    const personal = personalPages?.cacheablePath(request.method, request.url, request.headers);
    if (!personalPages || !personal) return serveRequest();
    // A database that does not answer is Next.js' to report, with the page it shows for it.
    personalPages.get(personal, request.headers.cookie!).then(
      (kept) => (kept ? answerFrom(kept) : serveRequest()),
      () => serveRequest(),
    );

    function serveRequest() {
      const path = (request.url ?? "/").split("?")[0]!;
      const routerState = routerStateProblem(request.headers[ROUTER_STATE_HEADER]);
      if (routerState) {
        logRefusal(request.method ?? "", path, 400, routerState);
        response.writeHead(400, { ...REFUSAL_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
        response.end("The request could not be read.\n");
        return;
      }
      const action = actionIds && actionIdProblem(request.headers[ACTION_HEADER], actionIds);
      if (action) {
        logRefusal(request.method ?? "", path, action.status, action.reason);
        response.writeHead(action.status, { ...REFUSAL_HEADERS, [ACTION_NOT_FOUND_HEADER]: "1", "Content-Type": "text/plain; charset=utf-8" });
        response.end(action.body);
        return;
      }
      const refusal = refuseMethod(request.method ?? "GET", path);
      if (refusal) {
        logRefusal(request.method ?? "", path, refusal.status, "method not allowed");
        const body = refusal.json
          ? JSON.stringify({ error: { code: "method_not_allowed", message: `Use ${refusal.allow}.` } })
          : `Method not allowed: use ${refusal.allow}.\n`;
        response.writeHead(refusal.status, {
          ...REFUSAL_HEADERS,
          Allow: refusal.allow,
          "Content-Type": refusal.json ? "application/json" : "text/plain; charset=utf-8",
        });
        response.end(body);
        return;
      }
      handle(request, response).catch((error: unknown) => {
        console.error("[staffroom] unhandled request error", error);
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end("Internal Server Error");
      });
    }
  });
  // Longer than the usual load balancer's idle timeout, so that it closes connections first.
  server.keepAliveTimeout = 65_000;
  // Next.js logs uncaught exceptions and carries on, so a server that cannot listen (the
  // port taken) would stay up serving nothing: it stops, and a primary counts the failure.
  server.on("error", (error) => {
    console.error(`[staffroom] could not listen on ${hostname ?? "*"}:${port}: ${error.message}`);
    process.exit(1);
  });
  // A worker's listen() goes through the primary, which owns the socket.
  server.listen(port, hostname, () => {
    if (!worker) console.log(readyLine(1));
  });
  // The outbox's sender (docs/decisions/013-accounts.md): requests only queue mail.
  // One sender per process, workers included: claiming a message is safe across processes
  // and instances (lib/mail/outbox.ts), and the worker that queued a message sends it at once.
  const { startMailSender } = await import("./lib/mail/sender.ts");
  const { closeProcessDb } = await import("./lib/db/client.ts");
  const mailSender = startMailSender();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // In a worker, the primary says it for all of them.
    if (!worker) console.log(`[staffroom] ${signal}: finishing open requests, then stopping`);
    server.close(() => void mailSender.stop().then(closeProcessDb).finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * The pages kept per session (lib/http/personal-page-cache.ts), each with what its render
 * reads. The cache renders its own copies through this server, with the one session cookie
 * it read, like the public pages' cache.
 */
async function personalPageCache(server: () => ReturnType<typeof createServer>): Promise<PersonalPageCache> {
  const { TODO_PAGE_PATH, todoPageInputs } = await import("./lib/todos/todo-page-inputs.ts");
  const { STAFF_PAGE_PATH, staffPageInputs } = await import("./lib/staff/staff-page-inputs.ts");
  const { db } = await import("./lib/db/client.ts");
  return new PersonalPageCache(
    new Map([
      [TODO_PAGE_PATH, (cookieHeader: string) => todoPageInputs(db, cookieHeader)],
      [STAFF_PAGE_PATH, (cookieHeader: string) => staffPageInputs(db, cookieHeader)],
    ]),
    (path, cookie) => fetch(ownAddress(server(), path), { headers: { ...RENDER_REQUEST_HEADERS, cookie }, redirect: "manual" }),
  );
}

/** A path on this very server, as it listens (the cluster's shared port, in a worker). */
function ownAddress(server: ReturnType<typeof createServer>, path: string): string {
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the server is not listening");
  const host = address.address === "::" || address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}${path}`;
}

main().catch((error: unknown) => {
  console.error(`[staffroom] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
