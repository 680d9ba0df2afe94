"use client";
// /admin/staff/import: choose a file, Preview shows what each row would do, Import applies it
// all (or nothing). Without JavaScript both buttons post the form and the page comes back
// with the answer; with it, the same action runs without a reload.
import Link from "next/link";
import { useActionState } from "react";
import { FieldError, FieldHint, controlAria } from "@/components/forms/field-parts";
import { TableRegion } from "@/components/layout/table-region";
import { IMPORT_IDLE, type StaffImportState } from "@/lib/staff/csv/import-state";
import type { RowAction } from "@/lib/staff/csv/staff-csv-import";
import "./admin.css";

type ImportAction = (previous: StaffImportState, formData: FormData) => Promise<StaffImportState>;

const ACTION_WORDS: Record<RowAction, string> = { create: "Create", update: "Update", unchanged: "Unchanged", error: "Error" };

export function StaffImportForm({ action }: { action: ImportAction }) {
  const [state, formAction, pending] = useActionState(action, IMPORT_IDLE);
  const plan = state.plan;
  const canImport = state.status === "preview" && plan && plan.counts.error === 0 && plan.counts.create + plan.counts.update > 0;
  const failed = state.status === "error" || (state.status === "preview" && !!plan && plan.counts.error > 0);

  return (
    <div className="stack">
      <div
        id="import-message"
        role={failed ? "alert" : "status"}
        aria-live="polite"
        className={`form-message ${failed ? "error" : state.status === "idle" ? "idle" : "success"}`}
      >
        {state.status === "idle" ? "" : state.message}
      </div>

      <form action={formAction} className="stack admin-form" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <FieldHint
            id="csv-file"
            hint="A header row, then one person per row. Columns: email (required), first_name, last_name, username, subject_group, roles (separated by ;), active. Up to 5,000 rows and 2 MB."
          />
          <input
            id="csv-file"
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            {...controlAria("csv-file", { hint: "yes", error: state.fileError })}
          />
          <FieldError id="csv-file-error" message={state.fileError} />
        </div>
        <div className="actions">
          <button type="submit" className="button" name="intent" value="preview" disabled={pending} aria-disabled={pending || undefined}>
            Preview
          </button>
          <Link href="/admin/staff">Back to staff</Link>
        </div>
      </form>

      {state.invitations && state.invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="stack">
          <h2 id="invitations-heading">Invitation links</h2>
          <p>Give each person their own link: it works once, until it expires.</p>
          <ul className="invitation-links">
            {state.invitations.map(({ email, link }) => (
              <li key={email}>
                <label htmlFor={`invitation-${email}`}>{email}</label>
                <input id={`invitation-${email}`} readOnly value={link} className="token-secret" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {plan ? (
        <section aria-labelledby="preview-heading" className="stack">
          <h2 id="preview-heading">{state.status === "done" ? "Imported" : "Preview"}{state.fileName ? `: ${state.fileName}` : ""}</h2>
          <p className="admin-summary">
            {plan.counts.create} to create, {plan.counts.update} to update, {plan.counts.unchanged} unchanged, {plan.counts.error} with errors
            {plan.subjectGroupsToCreate.length > 0 ? `; new subject groups: ${plan.subjectGroupsToCreate.join(", ")}` : ""}.
          </p>
          {canImport ? (
            <form action={formAction}>
              <input type="hidden" name="csv" value={state.csv ?? ""} />
              <input type="hidden" name="fileName" value={state.fileName ?? ""} />
              <button type="submit" className="button primary" name="intent" value="import" disabled={pending} aria-disabled={pending || undefined}>
                Import
              </button>
            </form>
          ) : null}
          <TableRegion label="Rows of the file">
            <table className="data">
              <caption className="visually-hidden">What happens to each row of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Email</th>
                  <th scope="col">What happens</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {plan.rows.map((row) => (
                  <tr key={row.line} className={row.action === "error" ? "row-error" : undefined}>
                    <td>{row.line}</td>
                    <th scope="row">{row.email || <span className="muted">no email</span>}</th>
                    <td className={row.action === "error" ? "status-inactive" : undefined}>{ACTION_WORDS[row.action]}</td>
                    <td>{row.action === "error" ? row.reason : row.action === "update" ? `Changes ${row.changes?.join(", ")}` : row.action === "create" ? "Invited to choose a password" : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}
    </div>
  );
}
