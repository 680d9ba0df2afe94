import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Todos" };

export default async function HomePage() {
  const user = await requireUser();
  return (
    <main id="main" className="page">
      <h1>Todos</h1>
      <p>Welcome, {user.firstName}.</p>
    </main>
  );
}
