import type { Metadata } from "next";
import { SubjectGroupForm } from "@/components/admin/subject-group-form";
import { requireRole } from "@/lib/auth/dal";
import { createSubjectGroupAction } from "../actions";

export const metadata: Metadata = { title: "New subject group" };

export default async function NewSubjectGroupPage() {
  await requireRole("admin");
  return (
    <main id="main" className="page">
      <h1>New subject group</h1>
      <SubjectGroupForm action={createSubjectGroupAction} name="" cancelHref="/admin/subject-groups" />
    </main>
  );
}
