import Link from "next/link";

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

/** What an empty page of a list says: past its last page, a way back; otherwise `empty`. */
export function EmptyListPage({ pastTheEnd, firstPage, empty }: { pastTheEnd: boolean; firstPage: string; empty: string }) {
  return <p>{pastTheEnd ? <Link href={firstPage}>Back to the first page</Link> : empty}</p>;
}
