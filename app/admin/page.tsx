import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/dal";

/** /admin has no page of its own: the staff list is where administration starts. */
export default async function AdminPage() {
  await requireRole("admin");
  redirect("/admin/staff");
}
