// Every page of the site: the path finds the page through the API, its `type` picks the component.
import type { Metadata } from "next";
import { notFound, permanentRedirect, redirect } from "next/navigation";

import type { PageDetail } from "@/api";
import { PageView } from "@/components/pages";
import type { Query } from "@/components/site/Pagination";
import { SiteChrome } from "@/components/site/SiteChrome";
import { findPage, findRedirect, getSiteSettings } from "@/lib/brand-hub";
import { isLocale, type Locale } from "@/lib/i18n";
import { pageMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string; path?: string[] }>; searchParams: Promise<Query> };

/** A path segment as Wagtail stores slugs (decoded); one that is not valid percent-encoding stays as it came. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function resolve(params: Props["params"]): Promise<{ locale: Locale; path: string; page: PageDetail }> {
  const { locale, path = [] } = await params;
  if (!isLocale(locale)) notFound();
  const address = `/${[locale, ...path.map(decodeSegment)].join("/")}/`;
  const page = await findPage(address);
  if (!page) {
    // An old address (a moved page, a merged idea) leads on, as Wagtail's own site would.
    const target = await findRedirect(address);
    if (!target) notFound();
    if (target.permanent) permanentRedirect(target.location);
    redirect(target.location);
  }
  return { locale, path: address, page };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, page } = await resolve(params);
  return pageMetadata(page, await getSiteSettings(locale));
}

export default async function Page({ params, searchParams }: Props) {
  const { locale, path, page } = await resolve(params);
  const translations = "translations" in page ? (page.translations ?? []) : [];
  return (
    <SiteChrome locale={locale} path={path} translations={translations}>
      <PageView page={page} locale={locale} path={encodeURI(path)} query={await searchParams} />
    </SiteChrome>
  );
}
