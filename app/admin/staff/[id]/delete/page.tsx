import type { Metadata } from "next";
import Link from "next/link";
import { DeleteConfirmation } from "@/components/admin/delete-confirmation";
import { staffPageSubject } from "../../../load";
import { deleteStaffAction } from "../../actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Delete staff member" };

/** The confirmation a deletion asks for: a page with a POST form, so it works without JavaScript. */
export default async function DeleteStaffPage(props: { params: Promise<{ id: string }> }) {
  const person = await staffPageSubject(props);
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <main id="main" className="page">
      <h1>Delete staff member</h1>
      <div className="confirm-box">
        <DeleteConfirmation action={deleteStaffAction.bind(null, person.id)} cancelHref="/admin/staff">
          Delete <strong>{name}</strong> ({person.email})? Their todos, sessions and API tokens are deleted with the account. This cannot
          be undone; to keep the account but stop them logging in, untick Active on the <Link href={`/admin/staff/${encodeURIComponent(person.id)}/edit`}>edit page</Link>{" "}
          instead.
        </DeleteConfirmation>
      </div>
    </main>
  );
}
