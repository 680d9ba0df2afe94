// Liveness: the process answers. No I/O at all, which also makes it the benchmark's
// "framework floor" (bench/README.md).
export function GET() {
  return Response.json({ status: "ok" });
}
