import type { ReactNode } from "react";

/** The recovery codes, shown once: a list, and the same as a text file to keep. */
export function RecoveryCodes({ codes, children }: { codes: string[]; children?: ReactNode }) {
  const file = `Staffroom recovery codes\nEach code works once, in place of a code from your authenticator app.\n\n${codes.join("\n")}\n`;
  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading">Recovery codes</h3>
      <p>
        Keep these somewhere safe, away from your phone. Each one lets you log in once if you cannot use your authenticator app. They are shown only
        now.
      </p>
      <ul aria-labelledby="recovery-codes-heading" className="code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="staffroom-recovery-codes.txt">
          Download
        </a>
      </p>
      {children}
    </section>
  );
}
