// Previous and next links through a paginated list, keeping the list's other query parameters.
import { notFound } from "next/navigation";

import { format, type Locale, messages } from "@/lib/i18n";

export type Query = Record<string, string | string[] | undefined>;

/** The furthest page a list goes: the project API skips at most 100,000 items. */
const LAST_PAGE = 1000;

/** The 1-based page number asked for in `?page=` (1 when absent or not a number); past the lists' reach, a 404. */
export function pageNumber(query: Query): number {
  const value = Number(query.page);
  if (!Number.isInteger(value) || value < 1) return 1;
  if (value > LAST_PAGE) notFound();
  return value;
}

/** A page past the end of its list is not found, as an unknown address is. */
export function requireItems(query: Query, items: readonly unknown[]) {
  if (items.length === 0 && pageNumber(query) > 1) notFound();
}

/** `path` with `query` changed by `changes` (an undefined value drops the parameter; repeated ones stay repeated). */
export function withQuery(path: string, query: Query, changes: Query): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...changes })) {
    if (typeof value === "string" && value) search.set(name, value);
    else if (Array.isArray(value)) for (const item of value) if (item) search.append(name, item);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export function Pagination({
  locale,
  path,
  query,
  count,
  perPage,
}: {
  locale: Locale;
  path: string;
  query: Query;
  count: number;
  perPage: number;
}) {
  const t = messages(locale);
  const pages = Math.max(1, Math.ceil(count / perPage));
  const page = pageNumber(query);
  if (pages <= 1) return null;
  return (
    <nav aria-label={t.pagination} className="pagination">
      {page > 1 && (
        <a href={withQuery(path, query, { page: page > 2 ? String(page - 1) : undefined })} rel="prev">
          {t.previousPage}
        </a>
      )}
      <span aria-current="page">{format(t.pageOf, { page, pages })}</span>
      {page < pages && (
        <a href={withQuery(path, query, { page: String(page + 1) })} rel="next">
          {t.nextPage}
        </a>
      )}
    </nav>
  );
}
