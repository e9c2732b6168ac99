// The site's header (navigation, language switcher) and footer around a page, from the site settings.
import type { ReactNode } from "react";

import type { Translation } from "@/api";
import { AccountMenu } from "@/components/account/AccountMenu";
import { Notice } from "@/components/account/Notice";
import { getSiteSettings, pathOf } from "@/lib/brand-hub";
import { type Locale, messages } from "@/lib/i18n";

import { LanguageSwitcher } from "./LanguageSwitcher";
import { RichText } from "./RichText";

/** Whether the navigation item at `url` (absolute on FRONTEND_URL, or a path) holds the page at `path`. */
function current(path: string, url: string | null): boolean {
  const section = pathOf(url);
  return Boolean(section && path.startsWith(section));
}

export async function SiteChrome({
  locale,
  path,
  translations,
  alternates,
  children,
}: {
  locale: Locale;
  /** The current page's path, decoded, marked as current in the navigation. */
  path: string;
  /**
   * A CMS page's translations, for the language switcher (a page with none links each language's home
   * page); a route of the frontend's own leaves them out, and the switcher links the same route.
   */
  translations?: Translation[];
  /** For a route of the frontend's own with a query (the search), its address in each language. */
  alternates?: Partial<Record<Locale, string>>;
  children: ReactNode;
}) {
  const settings = await getSiteSettings(locale);
  const t = messages(locale);
  return (
    <>
      <header className="site-header">
        <div className="container">
          <a className="site-name" href={`/${locale}/`}>
            {settings.site_name}
          </a>
          <nav aria-label={t.mainNavigation}>
            <ul className="inline-list">
              {settings.navigation.map((item) => (
                <li key={item.label}>
                  <a href={item.url ?? undefined} aria-current={current(path, item.url) ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form className="site-search" role="search" method="get" action={`/${locale}/search/`} aria-label={t.searchPage.siteSearch}>
            <label htmlFor="site-search-q" className="visually-hidden">
              {t.searchPage.searchLabel}
            </label>
            <input id="site-search-q" type="search" name="q" maxLength={500} required placeholder={t.searchPage.placeholder} />
            <button className="button secondary" type="submit">
              {t.searchPage.searchButton}
            </button>
          </form>
          <LanguageSwitcher locale={locale} path={path} translations={translations} alternates={alternates} />
          <AccountMenu locale={locale} path={path} />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <div className="container">
          <Notice locale={locale} />
          {children}
        </div>
      </main>
      <footer className="site-footer">
        <div className="container">
          <div>
            <RichText html={settings.footer_text} />
          </div>
          {settings.footer_links.length > 0 && (
            <nav aria-label={t.footerNavigation}>
              <ul className="inline-list">
                {settings.footer_links.map((link) => (
                  <li key={link.label}>
                    <a href={link.url ?? undefined}>{link.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {settings.social_links.length > 0 && (
            <section aria-labelledby="follow-us">
              <h2 id="follow-us">{t.followUs}</h2>
              <ul className="inline-list">
                {settings.social_links.map((link) => (
                  <li key={link.url}>
                    <a href={link.url} rel="me noopener">
                      {link.network.charAt(0).toUpperCase() + link.network.slice(1)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {settings.contact_email && (
            <p>
              {t.contact}: <a href={`mailto:${settings.contact_email}`}>{settings.contact_email}</a>
            </p>
          )}
        </div>
      </footer>
    </>
  );
}
