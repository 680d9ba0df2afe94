import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="page narrow">
      <h1>Access denied</h1>
      <p>This page is for administrators. If you need access, ask an administrator to give you the admin role.</p>
      <p>
        <Link href="/">Back to your todos</Link>
      </p>
    </main>
  );
}
