import type { Metadata } from "next";
import Link from "next/link";
import { DeleteConfirmation } from "@/components/admin/delete-confirmation";
import { stillHasStaffMessage } from "@/lib/subject-groups/subject-group-service";
import { groupPageSubject } from "../../../load";
import { deleteSubjectGroupAction } from "../../actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Delete subject group" };

/**
 * The confirmation a deletion asks for (a POST form). A group that still has staff says so
 * at once; the server refuses the delete in any case, should someone join in the meantime.
 */
export default async function DeleteSubjectGroupPage(props: { params: Promise<{ id: string }> }) {
  const group = await groupPageSubject(props);
  return (
    <main id="main" className="page">
      <h1>Delete subject group</h1>
      <div className="confirm-box">
        {group.staffCount > 0 ? (
          <>
            <p className="notice error" role="alert">
              {stillHasStaffMessage(group.name, group.staffCount)}
            </p>
            <p>
              <Link href="/admin/subject-groups">Back to subject groups</Link>
            </p>
          </>
        ) : (
          <DeleteConfirmation action={deleteSubjectGroupAction.bind(null, group.id)} cancelHref="/admin/subject-groups">
            Delete the subject group <strong>{group.name}</strong>? Nobody is in it. This cannot be undone.
          </DeleteConfirmation>
        )}
      </div>
    </main>
  );
}
