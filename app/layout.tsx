import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { getCurrentUser } from "@/lib/auth/dal";
import { logout } from "./actions/logout";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Staffroom", template: "%s · Staffroom" },
  description: "The staff portal: your todo list, your account, and staff administration.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {user ? <SiteHeader user={user} logoutAction={logout} /> : null}
        {children}
      </body>
    </html>
  );
}
