"use server";
// The CSV import page's one action: Preview (a file) or Import (the previewed text, posted back).
// The caller must be an administrator (checked here and again in the import itself).
import { headers } from "next/headers";
import { requireRole } from "@/lib/auth/dal";
import { smtpUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { clientIpFrom } from "@/lib/http/client-ip";
import { planForState, type StaffImportState } from "@/lib/staff/csv/import-state";
import { importStaffCsv, planStaffCsv } from "@/lib/staff/csv/staff-csv-import";
import { CSV_MAX_BYTES } from "@/lib/staff/csv/staff-csv-parse";
import { inviteImported } from "@/lib/staff/invite-imported";

/** What happened to the new people's invitations: sent by mail, or shown here to pass on. */
function invitedSentence(created: number): string {
  if (created === 0) return "";
  const who = created === 1 ? "The new person has" : "The new people have";
  return smtpUrl() ? ` ${who} been sent an invitation by email.` : " No mail server is set up (SMTP_URL), so pass the invitation links below on to them yourself.";
}

const CHOOSE_A_FILE = "Choose a CSV file.";
const NOT_APPLIED = "Nothing was imported: some rows have errors. Correct the file and preview it again.";

export async function staffImportAction(_previous: StaffImportState, formData: FormData): Promise<StaffImportState> {
  const user = await requireRole("admin");
  if (formData.get("intent") === "import") {
    const csv = formData.get("csv");
    if (typeof csv !== "string" || csv === "") return { status: "error", message: CHOOSE_A_FILE, fileError: CHOOSE_A_FILE };
    const fileName = String(formData.get("fileName") ?? "").slice(0, 200);
    const ip = clientIpFrom(await headers());
    let invitations: { email: string; link: string }[] = [];
    const result = await importStaffCsv(db, user, new TextEncoder().encode(csv), {
      ip,
      invite: async (people) => {
        invitations = await inviteImported(db, people, undefined, { actor: { id: user.id, email: user.email }, ip });
      },
    });
    if (!result.plan.ok) return { status: "error", message: result.plan.message, fileError: result.plan.message };
    if (!result.applied) return { status: "preview", message: NOT_APPLIED, plan: planForState(result.plan), csv, fileName };
    const { create, update, unchanged } = result.plan.counts;
    const message = `Import complete: ${create} created, ${update} updated, ${unchanged} unchanged.${invitedSentence(create)}`;
    return { status: "done", message, plan: planForState(result.plan), ...(create > 0 && !smtpUrl() ? { invitations } : {}) };
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
