// A page's metadata from the API: title, description, Open Graph image, canonical URL, hreflang.
import type { Metadata } from "next";

import type { PageDetail, SiteSettings } from "@/api";

import { pathOf } from "./brand-hub";
import { defaultLocale, inLocale, type Locale, locales } from "./i18n";
import { siteOrigin } from "./origins";

/** A page's URL from the API (absolute on FRONTEND_URL, or a path) on this frontend's origin. */
function absolute(url: string): string {
  return new URL(new URL(url, siteOrigin()).pathname, siteOrigin()).href;
}

function description(page: PageDetail): string | undefined {
  if (page.meta.search_description) return page.meta.search_description;
  if ("intro" in page && page.intro) return page.intro;
  if ("question" in page) return page.question;
  if ("hero_text" in page && page.hero_text) return page.hero_text;
  return undefined;
}

function image(page: PageDetail) {
  const picture =
    ("hero_image" in page && page.hero_image) || ("cover_image" in page && page.cover_image) || null;
  if (!picture) return undefined;
  const { url, width, height } = picture.renditions.large;
  return [{ url, width, height, alt: picture.alt }];
}

export function pageMetadata(page: PageDetail, settings: SiteSettings): Metadata {
  const path = pathOf(page.meta.html_url) ?? `/${page.meta.locale}/`;
  const translations = "translations" in page ? (page.translations ?? []) : [];
  const languages: Record<string, string> = {};
  for (const translation of translations) {
    if (translation.url) languages[translation.locale] = absolute(translation.url);
  }
  const fallback = translations.find((translation) => translation.locale === defaultLocale)?.url;
  if (fallback) languages["x-default"] = absolute(fallback);
  const title = page.meta.seo_title || page.title;
  const text = description(page);
  return {
    title: page.type === "home.HomePage" ? settings.site_name : `${title} · ${settings.site_name}`,
    description: text,
    alternates: { canonical: `${siteOrigin()}${encodeURI(path)}`, languages },
    openGraph: {
      type: page.type === "blog.BlogPage" ? "article" : "website",
      siteName: settings.site_name,
      title,
      description: text,
      url: `${siteOrigin()}${encodeURI(path)}`,
      locale: page.meta.locale ?? undefined,
      images: image(page),
    },
  };
}

/**
 * The metadata of a route of this frontend's own (accounts, profiles: no page in the CMS): the same
 * route in each language as its alternates. Not indexed unless `index` (pages about one person's account).
 */
export function routeMetadata({
  locale,
  path,
  title,
  description,
  settings,
  index = false,
}: {
  locale: Locale;
  /** The route's path in `locale`, decoded (/pl/people/7/). */
  path: string;
  title: string;
  description?: string;
  settings: SiteSettings;
  index?: boolean;
}): Metadata {
  const languages: Record<string, string> = {};
  for (const other of locales) languages[other] = `${siteOrigin()}${encodeURI(inLocale(path, other))}`;
  languages["x-default"] = languages[defaultLocale] ?? "";
  return {
    title: `${title} · ${settings.site_name}`,
    description,
    robots: index ? undefined : { index: false },
    alternates: { canonical: languages[locale], languages },
    openGraph: { type: "website", siteName: settings.site_name, title, description, url: languages[locale], locale },
  };
}
