// `npm run staff -- export [--search q]` and `npm run staff -- import <file.csv> [--dry-run]
// [--no-invite]`: the same CSV as /admin/staff/export.csv and /admin/staff/import.
import { pipeline } from "node:stream/promises";
import { SYSTEM } from "../../lib/identity/caller.ts";
import type { Db } from "../../lib/db/client.ts";
import { staffCsvStream } from "../../lib/staff/csv/staff-csv-export.ts";

/** Writes the CSV to standard output, e.g. `npm run -s staff -- export > staff.csv`. */
export async function runExport(db: Db, search: string | undefined, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  await pipeline(staffCsvStream(db, SYSTEM, search ?? ""), out, { end: false });
  return 0;
}
