// An editor's preview of a draft (/<locale>/_preview/?token=): the page as it will look, never cached
// or indexed, under a banner saying it is a draft.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PageView } from "@/components/pages";
import type { Query } from "@/components/site/Pagination";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getPreview, pathOf } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Query> };

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function Preview({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const t = messages(locale);
  const draft = typeof query.token === "string" && query.token ? await getPreview(query.token) : null;
  if (!draft) {
    return (
      <SiteChrome locale={locale} path="" translations={[]}>
        <title>{t.previewExpired}</title>
        <h1>{t.previewExpired}</h1>
        <p>{t.previewExpiredText}</p>
      </SiteChrome>
    );
  }
  const path = pathOf(draft.meta.html_url) ?? `/${locale}/`;
  return (
    <SiteChrome locale={locale} path={path} translations={[]}>
      <title>{`${t.previewBanner}: ${draft.title}`}</title>
      <p className="preview-banner" role="status">
        {t.previewBanner}
      </p>
      <PageView page={draft} locale={locale} path={encodeURI(path)} query={{}} />
    </SiteChrome>
  );
}
