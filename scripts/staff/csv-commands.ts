// `npm run staff -- export [--search q]` and `npm run staff -- import <file.csv> [--dry-run]
// [--no-invite]`: the same CSV as /admin/staff/export.csv and /admin/staff/import.
import { readFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { SYSTEM } from "../../lib/identity/caller.ts";
import type { Db } from "../../lib/db/client.ts";
import { staffCsvStream } from "../../lib/staff/csv/staff-csv-export.ts";
import { importStaffCsv, planStaffCsv, type CsvPlan } from "../../lib/staff/csv/staff-csv-import.ts";
import { inviteImported } from "../../lib/staff/invite-imported.ts";

/** Writes the CSV to standard output, e.g. `npm run -s staff -- export > staff.csv`. */
export async function runExport(db: Db, search: string | undefined, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  await pipeline(staffCsvStream(db, SYSTEM, search ?? ""), out, { end: false });
  return 0;
}

function describePlan(plan: CsvPlan, out: NodeJS.WritableStream) {
  if (!plan.ok) {
    out.write(`${plan.message}\n`);
    return;
  }
  for (const row of plan.rows) {
    if (row.action === "error") out.write(`line ${row.line}: ${row.email || "(no email)"}: ${row.reason}\n`);
    else if (row.action === "update") out.write(`line ${row.line}: ${row.email}: update ${row.changes?.join(", ")}\n`);
  }
  const { create, update, unchanged, error } = plan.counts;
  out.write(`${create} to create, ${update} to update, ${unchanged} unchanged, ${error} with errors.\n`);
  if (plan.subjectGroupsToCreate.length) out.write(`Subject groups to create: ${plan.subjectGroupsToCreate.join(", ")}\n`);
}

/** `import <file.csv> [--dry-run] [--no-invite]`: exit 1, and nothing written, when any row has an error. */
export async function runImport(
  db: Db,
  args: { file: string; dryRun: boolean; invite: boolean },
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const bytes = await readFile(args.file);
  if (args.dryRun) {
    const plan = await planStaffCsv(db, SYSTEM, bytes);
    describePlan(plan, out);
    out.write("Dry run: nothing written.\n");
    return plan.ok && plan.counts.error === 0 ? 0 : 1;
  }
  const result = await importStaffCsv(db, SYSTEM, bytes, { invite: args.invite ? (people) => inviteImported(db, people, out) : undefined });
  describePlan(result.plan, out);
  if (!result.applied) {
    out.write("Nothing was imported: correct the rows above and run the command again.\n");
    return 1;
  }
  out.write(`Imported.${args.invite ? "" : " No invitations sent (--no-invite)."}\n`);
  return 0;
}
