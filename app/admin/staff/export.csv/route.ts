// GET /admin/staff/export.csv?q=: the staff table as CSV, for administrators.
import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { staffCsvFilename, staffCsvStream } from "@/lib/staff/csv/staff-csv-export";
import { listQuerySchema } from "@/lib/validation/list-query";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    return Response.redirect(login, 303);
  }
  if (!user.isAdmin) return new Response("Only administrators can export staff.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

  const parsed = listQuerySchema.safeParse({ q: request.nextUrl.searchParams.get("q") ?? undefined });
  const q = parsed.success ? parsed.data.q : "";
  const csv = staffCsvStream(db, user, q);
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${staffCsvFilename(q)}"`,
      "cache-control": "no-store",
    },
  });
}
