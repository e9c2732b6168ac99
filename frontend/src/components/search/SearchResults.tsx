// The search page's results: comments and ideas together or one kind at a time, with the API's facets
// as filters (links that add or take away a value, so they work without JavaScript), highlights,
// the result count, paging and an empty state.
import type { CommentResults, EverythingResults, IdeaResults } from "@/api";
import { Pagination, type Query, requireItems } from "@/components/site/Pagination";
import { labelOf } from "@/components/site/labels";
import { hrefOf, searchComments, searchEverything, searchIdeas, type Searched } from "@/lib/brand-hub";
import { format, formatDate, type Locale, messages, plural } from "@/lib/i18n";
import {
  commentQuery,
  everythingQuery,
  FACETS,
  type FacetName,
  HIT_TYPES,
  keysOf,
  ideaQuery,
  PER_PAGE,
  type SearchRequest,
  searchHref,
  toggled,
  typeCountQuery,
} from "@/lib/search";

import { Highlight, unescapeHtml } from "./Highlight";

/** Elasticsearch pages through the first 10,000 hits: no page of results beyond them. */
const REACHABLE_HITS = 10_000;

type Messages = ReturnType<typeof messages>;
type FacetValue = { value: string | number | boolean; count: number };

/** One hit as the list shows it, whichever search found it. */
type Shown = {
  key: string;
  type: EverythingResults["items"][number]["type"];
  badge: string;
  title: string;
  titleFragment: string | null;
  href: string | null;
  /** A comment's page: "On <title>". */
  onPage: boolean;
  fragments: string[];
  text: string;
  details: string[];
};

function excerpt(text: string): string {
  return text.length > 240 ? `${text.slice(0, 240).trimEnd()}…` : text;
}

function shownEverything(results: EverythingResults, t: Messages, locale: Locale): Shown[] {
  return results.items.map((item) => {
    // An idea's matched title comes first among its fragments: it is the hit's heading, marked.
    const titleFragment =
      item.type === "idea" ? (item.highlight.find((fragment) => unescapeHtml(fragment.replace(/<\/?mark>/g, "")) === item.title) ?? null) : null;
    return {
      key: `${item.type}-${item.id}`,
      type: item.type,
      // Mentions reach only the brand's team (a moderator signed in): badged like a comment of no kind.
      badge: item.type === "idea" ? labelOf(t.statuses, item.status ?? "") : labelOf(t.commentKinds, item.kind ?? "other"),
      title: item.title ?? "",
      titleFragment,
      href: item.url ? hrefOf(item.url) : null,
      onPage: item.type === "comment",
      fragments: item.highlight.filter((fragment) => fragment !== titleFragment),
      text: item.text,
      details: item.created_at ? [formatDate(locale, item.created_at)] : [],
    };
  });
}

function shownComments(results: CommentResults, t: Messages, locale: Locale): Shown[] {
  const s = t.searchPage;
  return results.items.map((item) => ({
    key: `comment-${item.comment_id}`,
    type: "comment",
    badge: labelOf(t.commentKinds, item.kind),
    title: item.page.title ?? "",
    titleFragment: null,
    href: item.page.url ? hrefOf(item.page.url) : null,
    onPage: true,
    fragments: item.highlight,
    text: item.text,
    details: [
      ...(item.page.type ? [labelOf(s.pageTypes, item.page.type)] : []),
      format(s.by, { name: item.author?.name ?? t.anonymous }),
      formatDate(locale, item.created_at),
      ...(item.resolved ? [s.resolved] : []),
    ],
  }));
}

function shownIdeas(results: IdeaResults, t: Messages, locale: Locale): Shown[] {
  return results.items.map((item) => ({
    key: `idea-${item.id}`,
    type: "idea",
    badge: labelOf(t.statuses, item.status ?? ""),
    title: item.title,
    titleFragment: item.highlight.title,
    href: item.url ? hrefOf(item.url) : null,
    onPage: false,
    fragments: item.highlight.description,
    text: item.description,
    details: [
      plural(locale, t.votes, item.vote_count),
      ...(item.topics.length ? [item.topics.join(", ")] : []),
      ...(item.created_at ? [formatDate(locale, item.created_at)] : []),
    ],
  }));
}

/** A facet value in the visitor's words. */
function valueLabel(name: FacetName, value: FacetValue["value"], t: Messages, locale: Locale): string {
  const s = t.searchPage;
  const key = String(value);
  switch (name) {
    case "kind":
      return labelOf(t.commentKinds, key);
    case "status":
      return labelOf(t.statuses, key);
    case "page_type":
      return labelOf(s.pageTypes, key);
    case "language":
    case "locale":
      return labelOf(s.languages, key);
    case "resolved":
      return value === true ? s.yes : s.no;
    case "sentiment":
      return labelOf(s.sentiments, key);
    case "parent_type":
      return labelOf(s.parentTypes, key);
    case "month": {
      const [year = "", month = "1"] = key.split("-");
      return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(Date.UTC(Number(year), Number(month) - 1, 15)),
      );
    }
    default:
      return key;
  }
}

/** The facets of an answer in the order the page offers them, each a list of values with counts. */
function facetsOf(
  request: SearchRequest,
  facets: Partial<Record<string, FacetValue[]>>,
): { name: FacetName; values: FacetValue[] }[] {
  const names: FacetName[] = [...FACETS[request.type ?? "all"]];
  if (request.allLanguages) names.push("locale");
  return names.map((name) => ({ name, values: facets[name] ?? [] })).filter(({ values }) => values.length > 0);
}

async function run(request: SearchRequest, locale: Locale, t: Messages) {
  // The values a filter takes are the ones the catalogues name (the API's closed sets, checked by type).
  const allowed = {
    kind: keysOf(t.commentKinds),
    page_type: keysOf(t.searchPage.pageTypes),
    sentiment: keysOf(t.searchPage.sentiments),
    status: keysOf(t.statuses),
    parent_type: keysOf(t.searchPage.parentTypes),
  };
  if (request.type === "comment") {
    const [found, types] = await Promise.all([
      searchComments(locale, commentQuery(request, locale, allowed)),
      searchEverything(locale, typeCountQuery(request, locale)),
    ]);
    return { found: mapped(found, (results) => ({ results, shown: shownComments(results, t, locale) })), types };
  }
  if (request.type === "idea") {
    const [found, types] = await Promise.all([
      searchIdeas(locale, ideaQuery(request, locale, allowed)),
      searchEverything(locale, typeCountQuery(request, locale)),
    ]);
    return { found: mapped(found, (results) => ({ results, shown: shownIdeas(results, t, locale) })), types };
  }
  const found = await searchEverything(locale, everythingQuery(request, locale));
  return { found: mapped(found, (results) => ({ results, shown: shownEverything(results, t, locale) })), types: found };
}

function mapped<T, U>(searched: Searched<T>, map: (results: T) => U): Searched<U> {
  return "results" in searched ? { results: map(searched.results) } : searched;
}

export async function SearchResults({ locale, request, query }: { locale: Locale; request: SearchRequest; query: Query }) {
  const t = messages(locale);
  const s = t.searchPage;
  if (!request.q) return <p>{s.noQuery}</p>;

  const { found, types } = await run(request, locale, t);
  if ("unavailable" in found) return <p role="status">{s.unavailable}</p>;
  if ("refused" in found) return <p role="alert">{format(s.refused, { message: found.refused })}</p>;
  const { results, shown } = found.results;
  // A page past the last one is not found, as in every list of the site.
  requireItems(query, shown);
  const typeCounts = "results" in types ? (types.results.facets.type ?? []) : [];
  const countOf = (type: string) => typeCounts.find((bucket) => bucket.value === type)?.count ?? 0;
  const facets = facetsOf(request, results.facets as Partial<Record<string, FacetValue[]>>);
  const chosenCount = Object.values(request.chosen).reduce((sum, values) => sum + (values?.length ?? 0), 0);
  // A query that found nothing as typed is answered for the word the comments use, named here.
  const suggestion = results.suggestion;
  const path = `/${locale}/search/`;

  return (
    <>
      <nav aria-label={s.typeNav} className="search-types">
        <ul className="inline-list">
          {([null, ...HIT_TYPES] as const).map((type) => (
            <li key={type ?? "all"}>
              <a
                href={searchHref(locale, { ...request, type, chosen: {} })}
                aria-current={request.type === type ? "page" : undefined}
              >
                {type === null ? s.allTypes : type === "comment" ? s.comments : s.ideas}{" "}
                <span className="meta">({type === null ? countOf("comment") + countOf("idea") : countOf(type)})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="meta">
        {request.allLanguages ? s.everyLanguage : format(s.onlyLanguage, { language: s.languages[locale] })}{" "}
        <a href={searchHref(locale, { ...request, allLanguages: !request.allLanguages, chosen: withoutLocale(request) })}>
          {request.allLanguages ? format(s.searchOnlyLanguage, { language: s.languages[locale] }) : s.searchEveryLanguage}
        </a>
      </p>
      {suggestion && (
        <p className="did-you-mean">
          {s.showingResultsFor} <a href={searchHref(locale, { ...request, q: suggestion })}>{suggestion}</a>
        </p>
      )}
      <div className="search-layout">
        <aside aria-labelledby="filters-heading" className="search-filters">
          <h2 id="filters-heading">{s.filters}</h2>
          {chosenCount > 0 && (
            <p>
              <a href={searchHref(locale, { ...request, chosen: {} })}>{s.clearFilters}</a>
            </p>
          )}
          {facets.length === 0 && <p className="meta">{s.noFilters}</p>}
          {facets.map(({ name, values }) => (
            <section key={name} aria-labelledby={`facet-${name}`}>
              <h3 id={`facet-${name}`}>{s.facets[name]}</h3>
              <ul className="facet-values">
                {values.map((bucket) => {
                  const value = String(bucket.value);
                  const active = request.chosen[name]?.includes(value) ?? false;
                  const label = valueLabel(name, bucket.value, t, locale);
                  // A month and "answered" are one value at a time; the others combine as alternatives.
                  const single = name === "month" || name === "resolved";
                  return (
                    <li key={value}>
                      <a
                        href={searchHref(locale, { ...request, chosen: toggled(request.chosen, name, value, single) })}
                        aria-current={active ? "true" : undefined}
                        className={active ? "facet-active" : undefined}
                      >
                        {active && <span aria-hidden="true">✓ </span>}
                        {active && <span className="visually-hidden">{s.removeFilter} </span>}
                        {label} <span className="meta">({bucket.count})</span>
                      </a>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </aside>
        <section aria-labelledby="results-heading" className="search-results">
          <h2 id="results-heading">{s.resultsHeading}</h2>
          <p role="status">{plural(locale, s.results, results.count)}</p>
          {shown.length === 0 ? (
            <div className="empty-state">
              <p>
                <strong>{format(s.noResults, { q: request.q })}</strong>
              </p>
              <p>{s.noResultsHint}</p>
              {chosenCount > 0 && <a href={searchHref(locale, { ...request, chosen: {} })}>{s.clearFilters}</a>}
              {!request.allLanguages && (
                <p>
                  <a href={searchHref(locale, { ...request, allLanguages: true })}>{s.searchEveryLanguage}</a>
                </p>
              )}
            </div>
          ) : (
            <ol className="search-hits">
              {shown.map((hit) => (
                <li key={hit.key}>
                  <article className="search-hit" aria-labelledby={`hit-${hit.key}`}>
                    <p className="hit-kind">
                      <span className="hit-type">{hit.type === "comment" ? s.hitTypes.comment : s.hitTypes.idea}</span>{" "}
                      {hit.badge && <span className="badge">{hit.badge}</span>}
                    </p>
                    <h3 id={`hit-${hit.key}`}>
                      {hit.onPage && <span className="meta">{s.onPage} </span>}
                      {hit.href ? (
                        <a href={hit.href}>{hit.titleFragment ? <Highlight fragment={hit.titleFragment} /> : hit.title}</a>
                      ) : hit.titleFragment ? (
                        <Highlight fragment={hit.titleFragment} />
                      ) : (
                        hit.title
                      )}
                    </h3>
                    {hit.fragments.length > 0 ? (
                      hit.fragments.map((fragment, index) => (
                        <p key={index} className="hit-fragment">
                          <Highlight fragment={fragment} />
                        </p>
                      ))
                    ) : (
                      <p className="hit-fragment">{excerpt(hit.text)}</p>
                    )}
                    {hit.details.length > 0 && <p className="meta">{hit.details.join(" · ")}</p>}
                  </article>
                </li>
              ))}
            </ol>
          )}
          <Pagination
            locale={locale}
            path={path}
            query={query}
            count={Math.min(results.count, REACHABLE_HITS)}
            perPage={PER_PAGE}
          />
        </section>
      </div>
    </>
  );
}

function withoutLocale(request: SearchRequest): SearchRequest["chosen"] {
  const chosen = { ...request.chosen };
  delete chosen.locale;
  return chosen;
}
