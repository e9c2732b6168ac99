// The search page's address read as the searches' queries: `?q=` and its filters, each checked against
// the API's closed sets (an unknown value is dropped, as a filter nobody offered).
import type { CommentSearchQuery, EverythingSearchQuery, IdeaSearchQuery } from "@/api";
import type { Query } from "@/components/site/Pagination";

import { type Locale, locales } from "./i18n";

/** Hits per page of results. */
export const PER_PAGE = 10;

export const HIT_TYPES = ["comment", "idea"] as const;
export type HitType = (typeof HIT_TYPES)[number];

/** The facets the page offers per kind of results, in the order shown; each is a filter of the same name. */
export const FACETS = {
  all: ["language"],
  comment: ["kind", "page_type", "language", "resolved", "sentiment", "month"],
  idea: ["status", "topics", "parent_type", "sentiment"],
} as const;
export type FacetName = (typeof FACETS)[keyof typeof FACETS][number] | "locale";

/** What the address asks for. */
export type SearchRequest = {
  q: string;
  type: HitType | null;
  /** Results from pages in every language, not only the page's. */
  allLanguages: boolean;
  page: number;
  /** The chosen values of each facet (alternatives within a facet; facets combine). */
  chosen: Partial<Record<FacetName, string[]>>;
};

/** Every value of a query parameter, repeated or single. */
export function valuesOf(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(Boolean);
}

/** The keys of a catalogue section (statuses, kinds...): the values of the closed set it names. */
export function keysOf<T extends string>(section: Record<T, string>): T[] {
  return Object.keys(section) as T[];
}

/** The `values` that are among `allowed`. */
function among<T extends string>(values: readonly string[] | undefined, allowed: readonly T[]): T[] {
  return (values ?? []).filter((value): value is T => (allowed as readonly string[]).includes(value));
}

function one<T extends string>(query: Query, name: string, allowed: readonly T[]): T | null {
  return among(valuesOf(query, name), allowed)[0] ?? null;
}

/** `YYYY-MM` into the first and last day of the month, as the comment search filters dates. */
export function monthRange(month: string): { date_from: string; date_to: string } | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return null;
  const [year, monthNumber] = [Number(match[1]), Number(match[2])];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { date_from: `${month}-01`, date_to: `${month}-${String(last).padStart(2, "0")}` };
}

export function readSearch(query: Query, page: number): SearchRequest {
  const first = valuesOf(query, "q")[0] ?? "";
  const type = one(query, "type", HIT_TYPES);
  const names: readonly FacetName[] = [...FACETS[type ?? "all"], "locale"];
  const chosen: SearchRequest["chosen"] = {};
  for (const name of names) {
    const values = [...new Set(valuesOf(query, name))];
    if (values.length) chosen[name] = values;
  }
  return { q: first.trim().slice(0, 500), type, allLanguages: valuesOf(query, "all")[0] === "1", page, chosen };
}

/** The languages a search is narrowed to: the page's, unless all of them were asked for (or some chosen). */
function localeFilter(request: SearchRequest, locale: Locale): Locale[] | undefined {
  if (!request.allLanguages) return [locale];
  const chosen = among(request.chosen.locale, locales);
  return chosen.length ? chosen : undefined;
}

function facetNames(request: SearchRequest): string {
  const names: string[] = [...FACETS[request.type ?? "all"]];
  if (request.allLanguages) names.push("locale");
  // Comments and ideas together also count each kind of hit, for the tabs.
  if (!request.type) names.push("type");
  return names.join(",");
}

/** What every search of the page sends: the words, the languages, the facets and the page. */
function common(request: SearchRequest, locale: Locale) {
  return {
    q: request.q,
    locale: localeFilter(request, locale),
    facets: facetNames(request),
    limit: PER_PAGE,
    offset: (request.page - 1) * PER_PAGE,
  };
}

export function everythingQuery(request: SearchRequest, locale: Locale): EverythingSearchQuery {
  return { ...common(request, locale), language: among(request.chosen.language, locales) };
}

/** The counts of each kind of hit, for the tabs: the query and its languages only. */
export function typeCountQuery(request: SearchRequest, locale: Locale): EverythingSearchQuery {
  return { q: request.q, locale: localeFilter(request, locale), facets: "type", limit: 1, offset: 0 };
}

type ElementOf<T> = T extends readonly (infer V)[] ? V : never;
/** The values each of a search's list filters accepts, as its query types them. */
type Allowed<Q, K extends keyof Q> = { [F in K]-?: readonly ElementOf<NonNullable<Q[F]>>[] };

export function commentQuery(
  request: SearchRequest,
  locale: Locale,
  allowed: Allowed<CommentSearchQuery, "kind" | "page_type" | "sentiment">,
): CommentSearchQuery {
  const chosen = request.chosen;
  const resolved = among(chosen.resolved, ["true", "false"] as const)[0];
  const month = chosen.month?.[0];
  return {
    ...common(request, locale),
    language: among(chosen.language, locales),
    kind: among(chosen.kind, allowed.kind),
    page_type: among(chosen.page_type, allowed.page_type),
    sentiment: among(chosen.sentiment, allowed.sentiment),
    ...(resolved ? { resolved: resolved === "true" } : {}),
    ...((month && monthRange(month)) || {}),
  };
}

export function ideaQuery(
  request: SearchRequest,
  locale: Locale,
  allowed: Allowed<IdeaSearchQuery, "status" | "parent_type" | "sentiment">,
): IdeaSearchQuery {
  const chosen = request.chosen;
  return {
    ...common(request, locale),
    status: among(chosen.status, allowed.status),
    parent_type: among(chosen.parent_type, allowed.parent_type),
    sentiment: among(chosen.sentiment, allowed.sentiment),
    // The facet is `topics` (an idea has several), the filter `topic`.
    topic: chosen.topics ?? [],
  };
}

/** The search page's address for `request` with `changes` (page back to the first unless given). */
export function searchHref(locale: Locale, request: SearchRequest, changes: Partial<SearchRequest> = {}): string {
  const next = { ...request, page: 1, ...changes };
  const search = new URLSearchParams();
  if (next.q) search.set("q", next.q);
  if (next.type) search.set("type", next.type);
  if (next.allLanguages) search.set("all", "1");
  for (const [name, values] of Object.entries(next.chosen)) for (const value of values ?? []) search.append(name, value);
  if (next.page > 1) search.set("page", String(next.page));
  const text = search.toString();
  return `/${locale}/search/${text ? `?${text}` : ""}`;
}

/** `chosen` with `value` of `facet` added or, when there, taken away. */
export function toggled(chosen: SearchRequest["chosen"], facet: FacetName, value: string, single = false) {
  const current = chosen[facet] ?? [];
  const values = current.includes(value) ? current.filter((item) => item !== value) : single ? [value] : [...current, value];
  const next = { ...chosen, [facet]: values };
  if (!values.length) delete next[facet];
  return next;
}
