import { databaseAnswers } from "@/lib/db/health";

// For load balancers and monitors: no authentication, and nothing about the internals.
export async function GET() {
  const ok = await databaseAnswers();
  return Response.json({ status: ok ? "ok" : "unavailable" }, { status: ok ? 200 : 503 });
}
