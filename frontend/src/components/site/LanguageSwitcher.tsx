// Links to the current page in the other languages: its translation when there is one (or its address
// there, for a page of the frontend's own like the search), else that language's home page.
import type { Translation } from "@/api";
import { type Locale, languageNames, locales, messages } from "@/lib/i18n";

export function LanguageSwitcher({
  locale,
  translations,
  alternates = {},
}: {
  locale: Locale;
  translations: Translation[];
  alternates?: Partial<Record<Locale, string>>;
}) {
  const t = messages(locale);
  return (
    <nav aria-label={t.language} className="language-switcher">
      <ul className="inline-list">
        {locales.map((other) => {
          const translation = translations.find((candidate) => candidate.locale === other);
          return (
            <li key={other}>
              <a
                href={alternates[other] ?? translation?.url ?? `/${other}/`}
                lang={other}
                hrefLang={other}
                aria-current={other === locale ? "true" : undefined}
              >
                {languageNames[other]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
