import type { Metadata } from "next";
import { SettingsForm } from "@/components/admin/settings-form";
import { requireRole } from "@/lib/auth/dal";
import { getTwoFactorPolicy } from "@/lib/auth/two-factor/policy";
import { db } from "@/lib/db/client";
import { saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireRole("admin");
  const current = await getTwoFactorPolicy(db);
  return (
    <main id="main" className="page narrow">
      <h1>Settings</h1>
      <SettingsForm action={saveSettingsAction} current={current} />
    </main>
  );
}
