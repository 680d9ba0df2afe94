"use client";
// Shown when a page fails on the server, e.g. while the database is briefly unreachable.
// It never shows the error itself (the server's log has it), only what a person can do.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="page narrow">
      <h1>Something went wrong</h1>
      <p role="alert">Staffroom could not finish this request. This is usually brief: try again in a moment.</p>
      <p>
        <button type="button" className="button primary" onClick={reset}>
          Try again
        </button>
      </p>
    </main>
  );
}
