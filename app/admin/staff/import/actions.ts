"use server";
// The CSV import page's one action: Preview (a file) or Import (the previewed text, posted back).
// The caller must be an administrator (checked here and again in the import itself).
import { headers } from "next/headers";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { clientIpFrom } from "@/lib/http/client-ip";
import { planForState, type StaffImportState } from "@/lib/staff/csv/import-state";
import { importStaffCsv, planStaffCsv } from "@/lib/staff/csv/staff-csv-import";
import { CSV_MAX_BYTES } from "@/lib/staff/csv/staff-csv-parse";
import { inviteImported } from "@/lib/staff/invite-imported";

const CHOOSE_A_FILE = "Choose a CSV file.";
const NOT_APPLIED = "Nothing was imported: some rows have errors. Correct the file and preview it again.";

export async function staffImportAction(_previous: StaffImportState, formData: FormData): Promise<StaffImportState> {
  const user = await requireRole("admin");
  if (formData.get("intent") === "import") {
    const csv = formData.get("csv");
    if (typeof csv !== "string" || csv === "") return { status: "error", message: CHOOSE_A_FILE, fileError: CHOOSE_A_FILE };
    const fileName = String(formData.get("fileName") ?? "").slice(0, 200);
    const ip = clientIpFrom(await headers());
    const result = await importStaffCsv(db, user, new TextEncoder().encode(csv), {
      ip,
      invite: (people) => inviteImported(db, people, undefined, { actor: { id: user.id, email: user.email }, ip }),
    });
    if (!result.plan.ok) return { status: "error", message: result.plan.message, fileError: result.plan.message };
    if (!result.applied) return { status: "preview", message: NOT_APPLIED, plan: planForState(result.plan), csv, fileName };
    const { create, update, unchanged } = result.plan.counts;
    const invited = create > 0 ? ` ${create === 1 ? "The new person is" : "New people are"} to be invited.` : "";
    return { status: "done", message: `Import complete: ${create} created, ${update} updated, ${unchanged} unchanged.${invited}`, plan: planForState(result.plan) };
  }

  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { status: "error", message: CHOOSE_A_FILE, fileError: CHOOSE_A_FILE };
  if (file.size > CSV_MAX_BYTES) {
    const message = "The file is larger than 2 MB. Split it into smaller files.";
    return { status: "error", message, fileError: message };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const plan = await planStaffCsv(db, user, bytes);
  if (!plan.ok) return { status: "error", message: plan.message, fileError: plan.message };
  const { counts } = plan;
  const message =
    counts.error > 0
      ? `${counts.error} of ${plan.rows.length} rows have errors: nothing can be imported until they are corrected.`
      : `Preview: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged. Nothing has changed yet.`;
  // The bytes were UTF-8 (the plan checked): decoding again gives the same text.
  return { status: "preview", message, plan: planForState(plan), csv: new TextDecoder().decode(bytes), fileName: file.name.slice(0, 200) };
}
