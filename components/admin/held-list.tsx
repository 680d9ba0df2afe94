import { ActionForm } from "./action-form";
import type { FormAction } from "@/components/forms/use-action-form";

export type HeldEntry = {
  /** The account's email or the address, shown first and named in the button. */
  name: string;
  /** What holds it back, in words. */
  facts: string[];
  unlock: FormAction;
};

/** One of the security overview's lists of what the throttle holds back, each with its Unlock button. */
export function HeldList({ id, heading, emptyText, kind, entries }: { id: string; heading: string; emptyText: string; kind: string; entries: HeldEntry[] }) {
  return (
    <section aria-labelledby={id} className="admin-section">
      <h2 id={id}>{heading}</h2>
      {entries.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <ul className="held-list">
          {entries.map((entry) => (
            <li key={entry.name}>
              <p>
                <strong>{entry.name}</strong>: {entry.facts.join("; ")}
              </p>
              <ActionForm id={`unlock-${kind}-${entry.name}`} action={entry.unlock} submitLabel={`Unlock ${entry.name}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
