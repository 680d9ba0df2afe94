// The primary process of `npm start` when it runs several workers (docs/decisions/005): it
// forks them, replaces one that dies, and on SIGTERM/SIGINT has every one drain before it
// exits. It serves nothing itself: node:cluster lets the workers share one listening socket,
// the primary accepting each connection and handing it to the next worker in turn.
import cluster, { type Worker } from "node:cluster";

export type SupervisorOptions = {
  count: number;
  /** The script each worker runs (server.ts); it inherits this process's flags and environment. */
  exec: string;
  /** Once, when every worker listens for the first time. */
  onReady: () => void;
};

/**
 * Workers in a row that die before they listen. Then the cause will not go away by itself
 * (a broken build, the port taken, the database refusing): the primary gives up instead of
 * forking for ever. A worker that has served resets the count.
 */
export const EARLY_DEATHS_LIMIT = 5;
/** The first replacement of a worker that died before listening waits this long, doubling each time. */
const FIRST_BACKOFF_MS = 250;
/** Workers give themselves 10 s to finish (server.ts); this is the primary's own last resort. */
const DRAIN_LIMIT_MS = 15_000;

const describeExit = (code: number | null, signal: string | null) => (signal ? `was killed (${signal})` : `exited with code ${code}`);

export function superviseWorkers({ count, exec, onReady }: SupervisorOptions): void {
  cluster.setupPrimary({ exec, args: [] });
  const alive = new Map<number, Worker>();
  const listening = new Set<number>();
  let ready = false;
  let stopping = false;
  let exitCode = 0;
  let earlyDeaths = 0;

  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork();
    alive.set(worker.id, worker);
    worker.once("listening", () => {
      listening.add(worker.id);
      earlyDeaths = 0;
      if (ready) console.log(`[staffroom] worker ${worker.id} (pid ${worker.process.pid}) is serving`);
      else if (listening.size === count) {
        ready = true;
        onReady();
      }
    });
  };

  const exitWhenNoneLeft = () => {
    if (alive.size === 0) process.exit(exitCode);
  };

  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    alive.delete(worker.id);
    const served = listening.delete(worker.id);
    const who = `worker ${worker.id} (pid ${worker.process.pid})`;
    if (stopping) return exitWhenNoneLeft();
    if (code === 0 && !signal) {
      // Only a worker told to stop exits 0 (server.ts drains on SIGTERM/SIGINT sent to it,
      // as a service manager killing the whole group does): not replaced.
      console.log(`[staffroom] ${who} stopped`);
      return exitWhenNoneLeft();
    }
    if (!served && ++earlyDeaths >= EARLY_DEATHS_LIMIT) {
      console.error(
        `[staffroom] ${who} ${describeExit(code, signal)} before serving; ${EARLY_DEATHS_LIMIT} workers in a row did: ` +
          `giving up (see the errors above). The server stops.`,
      );
      exitCode = 1;
      stop("give up", "SIGTERM");
      return;
    }
    const wait = served ? 0 : FIRST_BACKOFF_MS * 2 ** (earlyDeaths - 1);
    console.error(`[staffroom] ${who} ${describeExit(code, signal)}; starting another${wait ? ` in ${wait} ms` : ""}`);
    setTimeout(fork, wait);
  });

  function stop(reason: string, signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    if (reason !== "give up") console.log(`[staffroom] ${reason}: every worker finishes its open requests, then stops`);
    for (const worker of alive.values()) worker.process.kill(signal);
    setTimeout(() => {
      console.error(`[staffroom] workers still running after ${DRAIN_LIMIT_MS / 1000} s: killing them`);
      for (const worker of alive.values()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, DRAIN_LIMIT_MS).unref();
    exitWhenNoneLeft();
  }

  process.on("SIGTERM", () => stop("SIGTERM", "SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT", "SIGTERM"));
  for (let i = 0; i < count; i++) fork();
}
