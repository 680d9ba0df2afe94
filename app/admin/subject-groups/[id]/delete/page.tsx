import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { getSubjectGroup, stillHasStaffMessage } from "@/lib/subject-groups/subject-group-service";
import { groupIdFrom, orNotFound } from "../../../load";
import { deleteSubjectGroupAction } from "../../actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Delete subject group" };

/**
 * The confirmation a deletion asks for (a POST form). A group that still has staff says so
 * at once; the server refuses the delete in any case, should someone join in the meantime.
 */
export default async function DeleteSubjectGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const id = groupIdFrom((await params).id);
  const group = await orNotFound(getSubjectGroup(db, user, id));
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
          <>
            <p>
              Delete the subject group <strong>{group.name}</strong>? Nobody is in it. This cannot be undone.
            </p>
            <ActionForm
              id="delete"
              action={deleteSubjectGroupAction.bind(null, group.id)}
              submitLabel="Delete"
              tone="danger"
              secondary={<Link href="/admin/subject-groups">Cancel</Link>}
            />
          </>
        )}
      </div>
    </main>
  );
}
