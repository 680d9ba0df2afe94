import { IntentLink } from "@/components/layout/intent-link";
import { formatNumber } from "./format";

type Props = {
  page: number;
  pageSize: number;
  total: number;
  /** The address of another page, keeping the rest of the query (search, filter). */
  hrefFor: (page: number) => string;
  label: string;
};

/** Previous / Next links and where we are. Works without JavaScript (plain links). */
export function Pagination({ page, pageSize, total, hrefFor, label }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page === 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <IntentLink href={hrefFor(Math.min(page - 1, pages))} rel="prev">
          Previous page
        </IntentLink>
      ) : null}
      <span>
        Page {formatNumber(page)} of {formatNumber(pages)}
      </span>
      {page < pages ? (
        <IntentLink href={hrefFor(page + 1)} rel="next">
          Next page
        </IntentLink>
      ) : null}
    </nav>
  );
}

/** A query string from the parameters that have a value. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "" && !(key === "page" && value === 1)) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
