// Measuring one scenario: autocannon for the load, /proc for the server's memory and CPU.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import autocannon, { type Options, type Result } from "autocannon";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Resident memory of a process in MB, from /proc/<pid>/status (VmRSS). */
export function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kB = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kB / 1024;
}

/** CPU seconds a process (all its threads) has used, from /proc/<pid>/stat (utime + stime). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces and parentheses: fields are counted after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * A process and all its descendants (a server's cluster workers, gunicorn's workers), from
 * /proc/<pid>/task/<tid>/children; a process that exits meanwhile is left out.
 */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${tree[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        for (const child of fs.readFileSync(`/proc/${tree[i]}/task/${task}/children`, "utf8").trim().split(/\s+/)) if (child) tree.push(Number(child));
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return tree;
}

/** The processes of some servers: each root with its descendants. */
export const serverProcesses = (roots: number[]) => roots.flatMap(processTree);

/** CPU seconds of these processes, summed; one that has exited counts 0. */
export function treeCpuSeconds(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += cpuSeconds(pid);
    } catch {
      // Exited: its time is gone with it (a replaced worker; rare during a measurement).
    }
  }
  return sum;
}

/** The whole machine's busy and total CPU time so far, in seconds summed over all cores (/proc/stat). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / CLOCK_TICKS, total: (busy + idle + iowait) / CLOCK_TICKS };
}

/**
 * Samples the summed RSS of some servers (each root process with its descendants, found
 * again at every sample) every `intervalMs` until stopped; answers the peak sum and how many
 * processes it was over.
 */
export function sampleRss(roots: number[], intervalMs = 100): { stop: () => number; processes: () => number } {
  let peak = 0;
  let processes = 0;
  const sample = () => {
    let sum = 0;
    const pids = serverProcesses(roots);
    for (const pid of pids) {
      try {
        sum += rssMB(pid);
      } catch {
        // A process that just exited: nothing to add.
      }
    }
    if (sum > peak) [peak, processes] = [sum, pids.length];
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
    processes: () => processes,
  };
}

/**
 * Waits until the processes have been (nearly) idle for a moment, so that one scenario's
 * leftovers (queued bcrypt work, garbage collection) are not billed to the next.
 */
export async function waitForIdle(roots: number[], { busyBelow = 0.08, windowMs = 500, maxMs = 120_000 } = {}): Promise<number> {
  const started = Date.now();
  for (;;) {
    const pids = serverProcesses(roots);
    const before = treeCpuSeconds(pids);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = treeCpuSeconds(pids) - before;
    if (used / (windowMs / 1000) < busyBelow) return Date.now() - started;
    if (Date.now() - started > maxMs) {
      console.warn(`[bench] warning: the server was still busy after ${maxMs / 1000} s; measuring anyway`);
      return Date.now() - started;
    }
  }
}

/**
 * On a shared machine: waits up to `maxMs` for a second in which everything else on it (not
 * these processes, not this one) used less than `othersBelow` of one core. Answers how long
 * it waited; measuring starts anyway when the time is up.
 */
export async function waitForQuietMachine(roots: number[], { othersBelow = 0.5, maxMs = 20_000, windowMs = 1000 } = {}): Promise<number> {
  const started = Date.now();
  for (;;) {
    const pids = serverProcesses(roots);
    const machine = machineCpuSeconds().busy;
    const ours = treeCpuSeconds(pids);
    const self = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const selfUsed = process.cpuUsage(self);
    const others = machineCpuSeconds().busy - machine - (treeCpuSeconds(pids) - ours) - (selfUsed.user + selfUsed.system) / 1e6;
    if (others / (windowMs / 1000) < othersBelow || Date.now() - started >= maxMs) return Date.now() - started;
  }
}

export type Load = {
  result: Result;
  /** Latency percentiles in ms with sub-millisecond resolution (autocannon's own are whole ms). */
  latency: { p50: number; p99: number; max: number };
  statusCodes: Record<string, number>;
};

export type LoadRun = { done: Promise<Load>; stop: () => void };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Starts autocannon; its every response's latency is kept so that percentiles are exact. */
export function startLoad(options: Options): LoadRun {
  const latencies: number[] = [];
  let instance: ReturnType<typeof autocannon> | undefined;
  const done = new Promise<Load>((resolve, reject) => {
    instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const sorted = Float64Array.from(latencies).sort();
      const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
      resolve({ result, latency: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: percentile(sorted, 100) }, statusCodes });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => void latencies.push(responseTime));
  });
  return { done, stop: () => instance?.stop() };
}

export const runLoad = (options: Options) => startLoad(options).done;
