// `npm run staff -- import-flask <sqlite-file> [--salt ...] [--salt-hex ...] [--dry-run]`:
// the command-line face of lib/staff/flask-import. A progress bar on a terminal, plain lines
// otherwise (CI logs, pipes); the summary either way.
import cliProgress from "cli-progress";
import { SYSTEM } from "../../lib/identity/caller.ts";
import type { Db } from "../../lib/db/client.ts";
import { importFlaskSource, summariseFlaskImport } from "../../lib/staff/flask-import/flask-import.ts";
import { FLASK_APPS, readFlaskDatabase } from "../../lib/staff/flask-import/flask-source.ts";
import { inviteImported } from "../../lib/staff/invite-imported.ts";

export type ImportFlaskArgs = { file: string; salt?: string; saltHex?: string; dryRun: boolean };


export function parseSalt({ salt, saltHex }: { salt?: string; saltHex?: string }): Buffer | null {
  if (salt !== undefined && saltHex !== undefined) throw new Error("give --salt or --salt-hex, not both");
  if (saltHex !== undefined) {
    const hex = saltHex.trim();
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new Error("--salt-hex takes an even number of hex digits (the salt's UTF-8 bytes)");
    return Buffer.from(hex, "hex");
  }
  return salt === undefined ? null : Buffer.from(salt, "utf8");
}

export async function runImportFlask(db: Db, args: ImportFlaskArgs, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const salt = parseSalt(args);
  const source = readFlaskDatabase(args.file);
  out.write(`Found ${FLASK_APPS[source.app].label}: tables ${FLASK_APPS[source.app].tables.join(", ")}.\n`);

  const bar = out.isTTY && !args.dryRun ? new cliProgress.SingleBar({ stream: out, format: "Importing [{bar}] {value}/{total} people", hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  const report = await importFlaskSource(db, SYSTEM, source, {
    salt,
    dryRun: args.dryRun,
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
  });
  if (started) bar?.stop();
  for (const line of summariseFlaskImport(report)) out.write(`${line}\n`);
  if (!report.dryRun) {
    // Those whose old hash Staffroom cannot check were imported without a password: invite them.
    const emails = report.people.filter((person) => person.result === "invite").map((person) => person.email);
    const people = emails.length ? await db.user.findMany({ where: { email: { in: emails }, password: null, active: true }, select: { id: true, email: true } }) : [];
    await inviteImported(db, people, out);
  }
  return 0;
}
