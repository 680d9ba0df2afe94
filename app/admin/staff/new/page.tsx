import type { Metadata } from "next";
import { StaffForm } from "@/components/admin/staff-form";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { listRoles } from "@/lib/staff/staff-queries";
import { subjectGroupOptions } from "@/lib/subject-groups/subject-group-service";
import { createStaffAction } from "../actions";

export const metadata: Metadata = { title: "New staff" };

export default async function NewStaffPage() {
  const user = await requireRole("admin");
  const [roles, subjectGroups] = await Promise.all([listRoles(db, user), subjectGroupOptions(db, user)]);
  return (
    <main id="main" className="page">
      <h1>New staff</h1>
      <StaffForm
        mode="create"
        action={createStaffAction}
        initial={{ email: "", firstName: "", lastName: "", subjectGroupId: "", roles: ["staff"], active: true }}
        roles={roles}
        subjectGroups={subjectGroups}
        cancelHref="/admin/staff"
      />
    </main>
  );
}
