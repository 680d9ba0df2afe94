import type { Metadata } from "next";
import { IdButtonForm } from "@/components/forms/id-button-form";
import { formatDateTime } from "@/components/admin/format";
import "@/components/admin/admin.css";
import { Notice } from "@/components/layout/notice";
import { listOwnSessions } from "@/lib/auth/own-sessions";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { db } from "@/lib/db/client";
import { endOtherSessionsAction, endSessionAction } from "./actions";

export const metadata: Metadata = { title: "Your sessions" };

const NOTICES = {
  "session-ended": { tone: "success", text: "That session has been logged out." },
  "session-missing": { tone: "error", text: "That session had already ended." },
  "others-ended": { tone: "success", text: "Every other session has been logged out." },
} as const;

const when = (date: Date | null) => (date ? <time dateTime={date.toISOString()}>{formatDateTime(date.toISOString())}</time> : "—");

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireRecentConfirmation("/account/sessions");
  const sessions = await listOwnSessions(db, session.user, session.sessionToken);
  const { notice } = await searchParams;
  const others = sessions.filter((entry) => !entry.current).length;
  return (
    <main id="main" className="page">
      <h1>Your sessions</h1>
      <Notice code={typeof notice === "string" ? notice : undefined} notices={NOTICES} />
      <p>Every browser where you are logged in. Log out any you do not recognise, and change your password if you are worried.</p>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Your live sessions, this device first</caption>
          <thead>
            <tr>
              <th scope="col">Browser and system</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((entry) => {
              const label = `${entry.browser} on ${entry.system}`;
              return (
                <tr key={entry.id}>
                  <th scope="row">{label}</th>
                  <td>{entry.ip ?? "unknown"}</td>
                  <td className="nowrap">{when(entry.signedInAt)}</td>
                  <td className="nowrap">{when(entry.lastActiveAt)}</td>
                  <td>
                    {entry.current ? (
                      <strong>This device</strong>
                    ) : (
                      <IdButtonForm action={endSessionAction} id={entry.id}>
                        Log out<span className="visually-hidden"> {label}, signed in {formatDateTime(entry.signedInAt.toISOString())}</span>
                      </IdButtonForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {others > 0 ? (
        <form action={endOtherSessionsAction}>
          <button type="submit" className="button danger">
            Log out other sessions
          </button>
        </form>
      ) : (
        <p>You are not logged in anywhere else.</p>
      )}
    </main>
  );
}
