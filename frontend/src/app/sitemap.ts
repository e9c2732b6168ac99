// One sitemap per locale (/sitemap/es.xml, /sitemap/en.xml, /sitemap/pl.xml), with each page's translations.
import type { MetadataRoute } from "next";

import { getRoutes } from "@/lib/brand-hub";
import { defaultLocale, isLocale, locales } from "@/lib/i18n";
import { siteOrigin } from "@/lib/origins";

// Read at each request (the data itself is cached): the build needs no API and FRONTEND_URL is read at run time.
export const dynamic = "force-dynamic";

export async function generateSitemaps() {
  return locales.map((locale) => ({ id: locale }));
}

export default async function sitemap(props: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  const id = await props.id;
  const locale = isLocale(id) ? id : defaultLocale;
  const routes = await getRoutes(locale);
  return [...routes.values()].map((route) => ({
    url: `${siteOrigin()}${encodeURI(route.path)}`,
    ...(route.lastPublished ? { lastModified: route.lastPublished } : {}),
  }));
}
