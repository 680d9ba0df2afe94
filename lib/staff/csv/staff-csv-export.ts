// The staff table as CSV (/admin/staff/export.csv, `npm run staff -- export`), streamed: the
// people are read 500 at a time in name order and written as they come, so that 10,000 of
// them never sit in memory as one string. Cells that a spreadsheet would run as a formula
// (=, +, -, @, tab, CR at the start) are prefixed with ' by csv-stringify's escape_formulas.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { assertManager, type Caller } from "../../identity/caller.ts";
import type { Db } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import { searchNeedle } from "../search-text.ts";
import { staffSelect, toStaffJson } from "../staff-json.ts";
import { STAFF_CSV_COLUMNS, staffCsvRecord } from "./staff-csv-columns.ts";

const BATCH = 500;

type Position = { lastName: string; firstName: string; id: string };

/** The ids of the next batch after `after`, in the staff table's order, matching the search. */
async function nextIds(db: Db, pattern: string, after: Position | null): Promise<string[]> {
  const rows = after
    ? await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "staff" WHERE "searchText" LIKE ${pattern} ESCAPE '\\'
        AND ("lastName" > ${after.lastName} OR ("lastName" = ${after.lastName} AND ("firstName" > ${after.firstName} OR ("firstName" = ${after.firstName} AND "id" > ${after.id}))))
        ORDER BY "lastName" ASC, "firstName" ASC, "id" ASC LIMIT ${BATCH}`
    : await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "staff" WHERE "searchText" LIKE ${pattern} ESCAPE '\\'
        ORDER BY "lastName" ASC, "firstName" ASC, "id" ASC LIMIT ${BATCH}`;
  return rows.map((row) => row.id);
}

async function* staffRecords(db: Db, q: string) {
  const pattern = containsPattern(searchNeedle(q));
  let after: Position | null = null;
  for (;;) {
    const ids = await nextIds(db, pattern, after);
    if (ids.length === 0) return;
    const people = await db.user.findMany({
      where: { id: { in: ids } },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      select: staffSelect,
    });
    for (const person of people) yield staffCsvRecord(toStaffJson(person));
    const last = people.at(-1);
    if (!last || ids.length < BATCH) return;
    after = { lastName: last.lastName, firstName: last.firstName, id: last.id };
  }
}

/**
 * The CSV as a Node stream, with a header row and a BOM (so that spreadsheet programs read
 * it as UTF-8). The caller is checked here, before anything is read.
 */
export function staffCsvStream(db: Db, caller: Caller, q = ""): Readable {
  assertManager(caller);
  const csv = stringify({ header: true, columns: [...STAFF_CSV_COLUMNS], bom: true, escape_formulas: true, record_delimiter: "windows" });
  const source = Readable.from(staffRecords(db, q));
  source.on("error", (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** "staff-2026-12-01.csv", or "staff-2026-12-01-science.csv" for a search. */
export function staffCsvFilename(q: string, now = new Date()): string {
  const slug = searchNeedle(q).normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
  return `staff-${now.toISOString().slice(0, 10)}${slug ? `-${slug}` : ""}.csv`;
}
