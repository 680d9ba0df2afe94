// Bookkeeping for load suites: every request's kind, status and time, connection errors
// apart, and answers outside what a kind may answer kept with their bodies for the report.
// Node's fetch (undici) keeps connections alive and reuses them between requests.

export type Answer = { status: number; text: string; headers: Headers };

export type Unexpected = { kind: string; status: number; body: string };

/** The p-th percentile (0–100) by nearest rank; 0 for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export class LoadRecorder {
  /** "kind status" → count, e.g. "create 201". */
  readonly counts = new Map<string, number>();
  readonly latencies = new Map<string, number[]>();
  readonly connectionErrors: { kind: string; message: string }[] = [];
  readonly unexpected: Unexpected[] = [];
  inFlight = 0;

  /**
   * Sends one request and reads its whole body. Answers null when the connection failed
   * (refused, reset, closed before an answer), which is recorded as a connection error.
   */
  async request(kind: string, url: string, init: RequestInit, expected: readonly number[]): Promise<Answer | null> {
    const started = performance.now();
    this.inFlight++;
    try {
      const response = await fetch(url, { ...init, redirect: "manual" });
      const text = await response.text();
      const elapsed = performance.now() - started;
      this.#count(`${kind} ${response.status}`);
      const samples = this.latencies.get(kind) ?? [];
      samples.push(elapsed);
      this.latencies.set(kind, samples);
      if (!expected.includes(response.status)) this.unexpected.push({ kind, status: response.status, body: text.slice(0, 300) });
      return { status: response.status, text, headers: response.headers };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      this.connectionErrors.push({ kind, message: `${(error as Error).message}: ${cause?.code ?? cause?.message ?? ""}` });
      return null;
    } finally {
      this.inFlight--;
    }
  }

  #count(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests that got an answer. */
  get answered(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** Answers with a 5xx status. */
  get serverErrors(): number {
    let total = 0;
    for (const [key, count] of this.counts) if (/ 5\d\d$/.test(key)) total += count;
    return total;
  }

  allLatencies(): number[] {
    return [...this.latencies.values()].flat();
  }

  /** One line for the test's output: requests, rate, p50/p99, statuses by kind. */
  summary(label: string, seconds: number): string {
    const all = this.allLatencies();
    const statuses = [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `${key}: ${count}`).join(", ");
    return (
      `[${label}] ${this.answered} requests answered in ${seconds.toFixed(1)} s (${(this.answered / seconds).toFixed(1)} req/s), ` +
      `p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}, max ${ms(Math.max(0, ...all))}; ` +
      `connection errors ${this.connectionErrors.length}; ${statuses}`
    );
  }
}

/** One line: p50/p99 of each kind of request. */
export function latenciesByKind(recorder: LoadRecorder): string {
  return [...recorder.latencies]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, samples]) => `${kind} ${samples.length}× p50 ${ms(percentile(samples, 50))} p99 ${ms(percentile(samples, 99))}`)
    .join("; ");
}

/** Resolves when `condition` holds, checking after every turn of the event loop's timers. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
