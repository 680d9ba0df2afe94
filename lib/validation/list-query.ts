// ?q=&page=&pageSize= for every paged list: the staff list, the subject group list and
// (page and pageSize) the audit log.
import { z } from "zod";
import { optionalTextSchema } from "./fields.ts";

/** A whole number from a query string, between `min` and `max`, `fallback` when absent. */
function wholeNumberParam(wrong: string, [min, below]: [number, string], [max, above]: [number, string], fallback: number) {
  return z.coerce.number({ error: wrong }).int(wrong).min(min, below).max(max, above).optional().default(fallback);
}

export const pageSchema = wholeNumberParam("Use a whole page number.", [1, "Pages start at 1."], [100_000, "There are not that many pages."], 1);

export const pageSizeSchema = wholeNumberParam("Use a whole number per page.", [1, "Ask for at least 1 per page."], [100, "Ask for at most 100 per page."], 25);

export const listQuerySchema = z.object({
  q: optionalTextSchema(100, "Search for at most 100 characters.").optional().default(""),
  page: pageSchema,
  pageSize: pageSizeSchema,
});
export type ListQuery = z.output<typeof listQuerySchema>;

/** The query of a list page's address (?q=&page=), with `pageSize` fixed by the page; a bad one means the first page. */
export function listQueryFrom(params: { q?: string | string[]; page?: string | string[] }, pageSize: number): ListQuery {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = listQuerySchema.safeParse({ q: first(params.q), page: first(params.page) });
  return parsed.success ? { ...parsed.data, pageSize } : { q: "", page: 1, pageSize };
}
