// Input the server refuses is the client's mistake or an attack, not the server's failure:
// one warning line each, never a stack trace (which reads like a crash in the log and in
// the test suite's output). What the client sent is quoted shortened and with control
// characters escaped, so that it cannot forge log lines.

const MAX_QUOTED = 120;

export function quoteForLog(text: string): string {
  const shortened = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return JSON.stringify(shortened);
}

export function logRefusal(method: string, path: string, status: number, reason: string): void {
  console.warn(`[staffroom] refused ${quoteForLog(method).slice(1, -1)} ${quoteForLog(path)} with ${status}: ${reason}`);
}
