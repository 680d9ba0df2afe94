import type { Metadata } from "next";
import Link from "next/link";
import { SubjectGroupForm } from "@/components/admin/subject-group-form";
import { formatCount } from "@/components/admin/format";
import { groupPageSubject } from "../../../load";
import { renameSubjectGroupAction } from "../../actions";

export const metadata: Metadata = { title: "Edit subject group" };

export default async function EditSubjectGroupPage(props: { params: Promise<{ id: string }> }) {
  const group = await groupPageSubject(props);
  return (
    <main id="main" className="page">
      <h1>Edit subject group: {group.name}</h1>
      <p className="hint">{formatCount(group.staffCount, "member of staff is", "members of staff are")} in this group.</p>
      <SubjectGroupForm action={renameSubjectGroupAction.bind(null, group.id)} name={group.name} cancelHref="/admin/subject-groups" />
      <p>
        <Link href={`/admin/subject-groups/${group.id}/delete`}>Delete {group.name}</Link>
      </p>
    </main>
  );
}
