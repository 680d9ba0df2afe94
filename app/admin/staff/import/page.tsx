import type { Metadata } from "next";
import Link from "next/link";
import { StaffImportForm } from "@/components/admin/staff-import-form";
import { requireRole } from "@/lib/auth/dal";
import { staffImportAction } from "./actions";

export const metadata: Metadata = { title: "Import staff from CSV" };

export default async function StaffImportPage() {
  await requireRole("admin");
  return (
    <main id="main" className="page">
      <h1>Import staff from CSV</h1>
      <p>
        Each row creates a person or updates the one with that email; blank cells leave a field as it is. Nothing changes until you press
        Import, and nothing at all while any row has an error. New people are invited to choose a password.{" "}
        <a href="/admin/staff/export.csv" download>
          Export the current staff
        </a>{" "}
        for a file in the right shape, or see the <Link href="/admin/staff">staff list</Link>.
      </p>
      <StaffImportForm action={staffImportAction} />
    </main>
  );
}
