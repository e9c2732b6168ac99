// Links to the current page in the other languages: its translation when there is one, else that
// language's home page.
import type { Translation } from "@/api";
import { type Locale, languageNames, locales, messages } from "@/lib/i18n";

export function LanguageSwitcher({ locale, translations }: { locale: Locale; translations: Translation[] }) {
  const t = messages(locale);
  return (
    <nav aria-label={t.language} className="language-switcher">
      <ul className="inline-list">
        {locales.map((other) => {
          const translation = translations.find((candidate) => candidate.locale === other);
          return (
            <li key={other}>
              <a
                href={translation?.url ?? `/${other}/`}
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
