// robots.txt: everything may be crawled except the API, the accounts and previews; the sitemaps of each locale.
import type { MetadataRoute } from "next";

import { locales } from "@/lib/i18n";
import { siteOrigin } from "@/lib/origins";

// Read at each request (the data itself is cached): the build needs no API and FRONTEND_URL is read at run time.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/_allauth/"] },
    sitemap: locales.map((locale) => `${siteOrigin()}/sitemap/${locale}.xml`),
  };
}
