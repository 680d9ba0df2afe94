import type { ReactNode } from "react";

/**
 * A row's button that posts the row's id to a server action (a plain form: it works without
 * JavaScript). The action checks that the id is the caller's own.
 */
export function IdButtonForm({ action, id, tone, ariaLabel, children }: { action: (form: FormData) => Promise<void>; id: string | number; tone?: "danger"; ariaLabel?: string; children: ReactNode }) {
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={tone ? `button ${tone}` : "button"} aria-label={ariaLabel}>
        {children}
      </button>
    </form>
  );
}
