// The bare-Next.js page floor (issue 16): the least a Next.js 16 app of the project's
// version can do for a dynamic page with the todo page's 50-item client list, built with the
// project's own `next` (bench/run.ts builds and starts it; no install of its own).
export const metadata = { title: "Floor" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
