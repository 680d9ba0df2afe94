import type { ReactNode } from "react";

/**
 * A table that may be wider than the screen scrolls inside its own frame, never the page (a
 * phone is 375 px wide). The frame is a labelled region and focusable, so that keyboard
 * users can scroll it with the arrow keys and screen readers announce what it holds.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table's column headers, the last column being the rows' actions (named for screen readers only). */
export function ColumnHeadersWithActions({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}
