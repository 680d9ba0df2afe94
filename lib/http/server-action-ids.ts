// A script's call to a server action names it in the Next-Action header. Next.js answers
// an id this build does not have (a page from an older deployment, or a guess) with 409 or
// 400, as it should, but logs each with a stack trace, as if the server had failed.
// server.ts asks this first and gives the same answer (status, body and the header that
// tells Next.js' client router to reload) with one warning line.
import fs from "node:fs";
import path from "node:path";
import { mightBeServerReferenceId } from "next/dist/shared/lib/server-reference-info.js";

export const ACTION_HEADER = "next-action";
/** Next.js' client router reloads the page when an answer has this header. */
export const ACTION_NOT_FOUND_HEADER = "x-nextjs-action-not-found";

type Manifest = { node?: Record<string, unknown>; edge?: Record<string, unknown> };

/** The ids of every server action in the production build under `distDir`. */
export function loadActionIds(distDir = ".next"): ReadonlySet<string> {
  const file = path.join(distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
}

export type ActionIdProblem = { status: 400 | 409; reason: string; body: string };

/** Why a Next-Action header names no action of this build, or null (also when there is none). */
export function actionIdProblem(header: string | string[] | undefined, known: ReadonlySet<string>): ActionIdProblem | null {
  if (header === undefined) return null;
  const id = Array.isArray(header) ? header.join(",") : header;
  if (known.has(id)) return null;
  return mightBeServerReferenceId(id)
    ? { status: 409, reason: "a server action this version does not have", body: "Server Action unavailable." }
    : { status: 400, reason: "a server action id that is no id", body: "Invalid Server Action request." };
}
