// What the CSV import page's action answers its form with (browser and server share it).
import type { CsvPlan, RowAction, RowPlan } from "./staff-csv-import.ts";

export type StaffImportState = {
  status: "idle" | "error" | "preview" | "done";
  /** For the whole form, announced. */
  message?: string;
  /** Next to the CSV file field. */
  fileError?: string;
  plan?: { rows: RowPlan[]; counts: Record<RowAction, number>; subjectGroupsToCreate: string[] };
  /** The previewed file's text, posted back by Import so that exactly what was shown is applied. */
  csv?: string;
  fileName?: string;
  /** After an import without a mail server (SMTP_URL): each new person's invitation link, to pass on. */
  invitations?: { email: string; link: string }[];
};

export const IMPORT_IDLE: StaffImportState = { status: "idle" };

export function planForState(plan: CsvPlan & { ok: true }): NonNullable<StaffImportState["plan"]> {
  return { rows: plan.rows, counts: plan.counts, subjectGroupsToCreate: plan.subjectGroupsToCreate };
}
