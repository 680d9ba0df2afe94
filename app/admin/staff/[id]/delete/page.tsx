import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { getStaff } from "@/lib/staff/staff-service";
import { orNotFound } from "../../../load";
import { deleteStaffAction } from "../../actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Delete staff member" };

/** The confirmation a deletion asks for: a page with a POST form, so it works without JavaScript. */
export default async function DeleteStaffPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const { id } = await params;
  const person = await orNotFound(getStaff(db, user, id));
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <main id="main" className="page">
      <h1>Delete staff member</h1>
      <div className="confirm-box">
        <p>
          Delete <strong>{name}</strong> ({person.email})? Their todos, sessions and API tokens are deleted with the account. This cannot
          be undone; to keep the account but stop them logging in, untick Active on the <Link href={`/admin/staff/${encodeURIComponent(person.id)}/edit`}>edit page</Link>{" "}
          instead.
        </p>
        <ActionForm
          id="delete"
          action={deleteStaffAction.bind(null, person.id)}
          submitLabel="Delete"
          tone="danger"
          secondary={<Link href="/admin/staff">Cancel</Link>}
        />
      </div>
    </main>
  );
}
