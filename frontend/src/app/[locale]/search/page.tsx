// The search page: comments and ideas found by `?q=`, in the page's language unless all are asked for.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { SearchResults } from "@/components/search/SearchResults";
import { pageNumber, type Query } from "@/components/site/Pagination";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getSiteSettings } from "@/lib/brand-hub";
import { defaultLocale, format, isLocale, type Locale, locales, messages } from "@/lib/i18n";
import { siteOrigin } from "@/lib/origins";
import { readSearch, searchHref } from "@/lib/search";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Query> };

/** The same search in each language (the language switcher and hreflang): the words, not the filters. */
function sameSearch(locale: Locale, q: string): string {
  return searchHref(locale, { q, type: null, allLanguages: false, page: 1, chosen: {} });
}

function alternates(q: string): Partial<Record<Locale, string>> {
  const links: Partial<Record<Locale, string>> = {};
  for (const locale of locales) links[locale] = sameSearch(locale, q);
  return links;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const request = readSearch(await searchParams, 1);
  const [settings, t] = [await getSiteSettings(locale), messages(locale)];
  const title = request.q ? format(t.searchPage.titleFor, { q: request.q }) : t.searchPage.title;
  const languages: Record<string, string> = { "x-default": `${siteOrigin()}${sameSearch(defaultLocale, request.q)}` };
  for (const other of locales) languages[other] = `${siteOrigin()}${sameSearch(other, request.q)}`;
  return {
    title: `${title} · ${settings.site_name}`,
    description: t.searchPage.description,
    alternates: { canonical: `${siteOrigin()}${sameSearch(locale, request.q)}`, languages },
    // Results change by the minute and by filter: followed, never indexed.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const request = readSearch(query, pageNumber(query));
  const t = messages(locale);
  const s = t.searchPage;
  return (
    <SiteChrome locale={locale} path={`/${locale}/search/`} alternates={alternates(request.q)}>
      <h1>{request.q ? format(s.titleFor, { q: request.q }) : s.title}</h1>
      <form className="search-form" role="search" method="get" action={`/${locale}/search/`} aria-label={s.searchLabel}>
          <label htmlFor="search-q">{s.searchLabel}</label>
          <div className="search-row">
            <input id="search-q" type="search" name="q" defaultValue={request.q} maxLength={500} required />
            {request.type && <input type="hidden" name="type" value={request.type} />}
            {request.allLanguages && <input type="hidden" name="all" value="1" />}
            <button className="button" type="submit">
              {s.searchButton}
            </button>
          </div>
      </form>
      <SearchResults locale={locale} request={request} query={query} />
    </SiteChrome>
  );
}
