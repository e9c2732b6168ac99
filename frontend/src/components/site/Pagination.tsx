// Previous and next links through a paginated list, keeping the list's other query parameters.
import { format, type Locale, messages } from "@/lib/i18n";

export type Query = Record<string, string | string[] | undefined>;

/** The 1-based page number asked for in `?page=`, or 1. */
export function pageNumber(query: Query): number {
  const value = Number(query.page);
  return Number.isInteger(value) && value > 1 ? value : 1;
}

/** `path` with `query` changed by `changes` (an undefined value drops the parameter). */
export function withQuery(path: string, query: Query, changes: Query): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...changes })) {
    if (typeof value === "string" && value) search.set(name, value);
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
