import Link from "next/link";
import type { ReactNode } from "react";
import { TableRegion } from "@/components/layout/table-region";
import { Pagination } from "./pagination";

/**
 * A row's Edit and Delete links (`base`: the row's address, e.g. /admin/staff/<id>). Not
 * prefetched: a page of 25 rows would otherwise render 50 pages on the server for each
 * visit, of which a person opens one at most.
 */
export function EditDeleteCell({ base, name }: { base: string; name: string }) {
  return (
    <td className="row-actions">
      <Link href={`${base}/edit`} prefetch={false}>
        Edit<span className="visually-hidden"> {name}</span>
      </Link>
      <Link href={`${base}/delete`} prefetch={false}>
        Delete<span className="visually-hidden"> {name}</span>
      </Link>
    </td>
  );
}

type Paging = { page: number; pageSize: number; total: number; hrefFor: (page: number) => string };

/**
 * One page of a long list: its table (in a scrolling region named `label`) when the page
 * has rows, else what an empty page says (past the last page, a way back; else `empty`),
 * then the page links (named `pagesLabel`).
 */
export function PagedTable({ label, pagesLabel, rows, empty, paging, children }: { label: string; pagesLabel: string; rows: number; empty: string; paging: Paging; children: ReactNode }) {
  const { page, total, hrefFor } = paging;
  return (
    <>
      {rows > 0 ? (
        <TableRegion label={label}>{children}</TableRegion>
      ) : (
        <p>{page > 1 && total > 0 ? <Link href={hrefFor(1)}>Back to the first page</Link> : empty}</p>
      )}
      <Pagination {...paging} label={pagesLabel} />
    </>
  );
}

type Search = { action: string; id: string; label: string; name: string; value: string; maxLength: number; placeholder: string; button: string; clearLabel: string };

/** A list's search box (a GET form, so the address can be shared); `clearLabel` links back to the whole list. */
export function ListSearch({ action, id, label, name, value, maxLength, placeholder, button, clearLabel }: Search) {
  return (
    <form className="search" role="search" method="get" action={action}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="search" name={name} defaultValue={value} maxLength={maxLength} placeholder={placeholder} />
      </div>
      <button type="submit" className="button">
        {button}
      </button>
      {value ? <Link href={action}>{clearLabel}</Link> : null}
    </form>
  );
}
