// The benchmark's outputs: bench/results/<time>-<db>.json (everything), latest-<db>.md (the
// table), and the same table in README.md between the markers for that database.
import fs from "node:fs";
import path from "node:path";

export type ScenarioResult = {
  key: string;
  title: string;
  request: string;
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  /** Latency percentiles in ms, over every response in the measured window. */
  p50: number;
  p99: number;
  maxMs: number;
  /** Connection errors and timeouts (autocannon's `errors`). */
  errors: number;
  timeouts: number;
  /** Responses whose status was not 2xx. */
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Peak resident memory of the server process(es) during the measurement: every process of each server (a primary and its workers) summed. */
  rssMB: number;
  /** How many processes that sum was over. */
  processes: number;
  /** CPU used by the server process(es) and by the load generator (this process), % of one core. */
  serverCpuPercent: number;
  /**
   * Server CPU time per response, in ms (all threads, bcrypt workers included). Unlike
   * req/s it hardly depends on how much of the machine the server got, so it is the steadier
   * measure on a shared machine.
   */
  cpuMsPerRequest: number;
  loadgenCpuPercent: number;
  /** CPU the rest of the machine used meanwhile (other people's work): the noise. */
  othersCpuPercent: number;
  loadAverage1m: number;
  /** How long the measurement waited for the rest of the machine to quieten down (BENCH_QUIET_WAIT_SECONDS). */
  waitedForQuietSeconds: number;
  floorRatio?: number;
  ceilingRatio?: number;
  /** The same ratios by server CPU per response: floor's (ceiling's) CPU ms/req ÷ this row's. */
  floorCpuRatio?: number;
  ceilingCpuRatio?: number;
  /** The Flask peer's row for the same work, and this row's req/s ÷ its (CPU: its ms/req ÷ this row's). */
  peerKey?: string;
  peerRatio?: number;
  peerCpuRatio?: number;
  /** For pages: req/s ÷ the bare-Next.js page floor's (the framework's own cost for a dynamic page with the same list). */
  pageFloorRatio?: number;
  /** Whether every response had the expected status and none failed. */
  clean: boolean;
  note?: string;
  attack?: { connections: number; requests: number; reqPerSec: number; errors: number; timeouts: number; statusCodes: Record<string, number> };
};

export type RunReport = {
  startedAt: string;
  finishedAt: string;
  database: { kind: "sqlite" | "postgresql"; version: string; url: string };
  machine: { cpuModel: string; cpus: number; memoryGB: number; os: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  git: { commit: string; branch: string; dirty: boolean };
  settings: { seconds: number; warmupSeconds: number; quietWaitSeconds: number; connections: number; loginConnections: number; attackConnections: number; serverEnv: Record<string, string> };
  scenarios: ScenarioResult[];
  notes: string[];
};

const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export function withRatios(scenarios: ScenarioResult[], floorKey: string, ceilingKey: string, pageFloorKey: string): ScenarioResult[] {
  const byKey = new Map(scenarios.map((s) => [s.key, s]));
  const pageFloor = byKey.get(pageFloorKey)?.reqPerSec;
  const floor = scenarios.find((s) => s.key === floorKey)?.reqPerSec;
  const ceiling = scenarios.find((s) => s.key === ceilingKey)?.reqPerSec;
  const floorCpu = scenarios.find((s) => s.key === floorKey)?.cpuMsPerRequest;
  const ceilingCpu = scenarios.find((s) => s.key === ceilingKey)?.cpuMsPerRequest;
  return scenarios.map((s) => ({
    ...s,
    reqPerSec: round(s.reqPerSec, 1),
    p50: round(s.p50, 2),
    p99: round(s.p99, 2),
    maxMs: round(s.maxMs, 2),
    rssMB: round(s.rssMB, 1),
    serverCpuPercent: round(s.serverCpuPercent, 0),
    cpuMsPerRequest: round(s.cpuMsPerRequest, 3),
    loadgenCpuPercent: round(s.loadgenCpuPercent, 0),
    othersCpuPercent: round(s.othersCpuPercent, 0),
    floorRatio: floor ? round(s.reqPerSec / floor, 3) : undefined,
    ceilingRatio: ceiling ? round(s.reqPerSec / ceiling, 3) : undefined,
    floorCpuRatio: floorCpu && s.cpuMsPerRequest ? round(floorCpu / s.cpuMsPerRequest, 3) : undefined,
    ceilingCpuRatio: ceilingCpu && s.cpuMsPerRequest ? round(ceilingCpu / s.cpuMsPerRequest, 3) : undefined,
    ...peerRatios(s, s.peerKey ? byKey.get(s.peerKey) : undefined),
    pageFloorRatio: pageFloor && s.key.startsWith("page-") ? round(s.reqPerSec / pageFloor, 3) : undefined,
  }));
}

function peerRatios(row: ScenarioResult, peer: ScenarioResult | undefined): Partial<ScenarioResult> {
  if (!peer) return { peerKey: undefined };
  return { peerRatio: round(row.reqPerSec / peer.reqPerSec, 3), peerCpuRatio: round(peer.cpuMsPerRequest / row.cpuMsPerRequest, 3) };
}

const fmt = (value: number | undefined, digits: number) => (value === undefined || !Number.isFinite(value) ? "–" : value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ratio = (value: number | undefined) => (value === undefined ? "–" : `${fmt(value, 2)}×`);

export function markdownTable(report: RunReport): string {
  const rows = report.scenarios.map((s) =>
    [
      s.title + (s.clean ? "" : " **(not clean)**"),
      fmt(s.reqPerSec, 0),
      fmt(s.p50, 1),
      fmt(s.p99, 1),
      String(s.errors + s.non2xx),
      fmt(s.rssMB, 0),
      ratio(s.floorRatio),
      ratio(s.ceilingRatio),
      ratio(s.pageFloorRatio),
      ratio(s.peerRatio),
      s.attack ? "–" : fmt(s.cpuMsPerRequest, 2),
      fmt(s.othersCpuPercent, 0),
    ].join(" | "),
  );
  return [
    "| scenario | req/s | p50 ms | p99 ms | errors | RSS MB | × floor | × ceiling | × page floor | ÷ Flask | server CPU ms/req | others' CPU % |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

export function machineLine(report: RunReport): string {
  const { machine, database, git, settings } = report;
  return (
    `${report.startedAt.replace(/\.\d+Z$/, "Z")}, commit ${git.commit.slice(0, 10)}${git.dirty ? " (with uncommitted changes)" : ""}, ` +
    `${database.kind === "sqlite" ? "SQLite" : "PostgreSQL"} ${database.version}; ${machine.cpus} × ${machine.cpuModel}, ` +
    `${machine.memoryGB} GB, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(" ")} at the start. ` +
    `${settings.seconds} s per scenario after ${settings.warmupSeconds} s of warm-up, ${settings.connections} connections ` +
    `(login ${settings.loginConnections}, attackers ${settings.attackConnections}).`
  );
}

export function markdownReport(report: RunReport): string {
  const db = report.database.kind === "sqlite" ? "SQLite" : "PostgreSQL";
  return [
    `# Benchmark: ${db}`,
    "",
    machineLine(report),
    "",
    markdownTable(report),
    "",
    ...report.notes.map((note) => `- ${note}`),
    "",
    "How to read it: bench/README.md. Everything measured: the JSON file of the same run.",
    "",
  ].join("\n");
}

export function writeResults(report: RunReport, dir: string): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const json = path.join(dir, `${stamp}-${report.database.kind}.json`);
  const markdown = path.join(dir, `latest-${report.database.kind}.md`);
  fs.writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(markdown, markdownReport(report));
  return { json, markdown };
}

/** Replaces the table between `<!-- bench:<db> -->` and `<!-- /bench:<db> -->` in the README. */
export function updateReadme(readmePath: string, report: RunReport, resultFile: string): boolean {
  const readme = fs.readFileSync(readmePath, "utf8");
  const start = `<!-- bench:${report.database.kind} -->`;
  const end = `<!-- /bench:${report.database.kind} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return false;
  const block = [start, "", machineLine(report), "", markdownTable(report), "", `(${resultFile})`, "", end].join("\n");
  fs.writeFileSync(readmePath, readme.slice(0, from) + block + readme.slice(to + end.length));
  return true;
}
