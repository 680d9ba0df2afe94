// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
// https://github.com/mcollina/autocannon#api
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };

  export type RequestStep = Request & {
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request | null | undefined;
  };

  export type Client = {
    setHeaders: (headers: Record<string, string>) => void;
    setBody: (body: string | Buffer) => void;
  };

  export type Options = Request & {
    url: string | string[];
    connections?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    requests?: RequestStep[];
    /** Called once for each connection, before its first request. */
    setupClient?: (client: Client) => void;
    title?: string;
  };

  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    sent: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
  };

  export type Result = {
    title?: string;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    statusCodeStats: Record<string, { count: number }>;
    "1xx": number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
  };

  export type Instance = EventEmitter & {
      stop: () => void;
      on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
      on(event: "done", listener: (result: Result) => void): Instance;
    };

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
