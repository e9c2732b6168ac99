// The 404 page, in the address's language (src/proxy.ts passes it on: this page gets no params).
import { headers } from "next/headers";

import { SiteChrome } from "@/components/site/SiteChrome";
import { defaultLocale, isLocale, LOCALE_HEADER, messages } from "@/lib/i18n";

export default async function NotFound() {
  const requested = (await headers()).get(LOCALE_HEADER) ?? "";
  const locale = isLocale(requested) ? requested : defaultLocale;
  const t = messages(locale);
  return (
    <SiteChrome locale={locale} path="" translations={[]}>
      <title>{t.notFoundTitle}</title>
      <meta name="robots" content="noindex" />
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <a href={`/${locale}/`}>{t.backHome}</a>
      </p>
    </SiteChrome>
  );
}
