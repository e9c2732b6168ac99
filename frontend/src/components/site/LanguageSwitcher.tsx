// Links to the current page in the other languages. A page from the CMS links its translations (that
// language's home page where it has none); a route of the frontend's own (log in, accounts, people)
// is the same route in every language, with its own address there when it gives one (the search).
import type { Translation } from "@/api";
import { inLocale, type Locale, languageNames, locales, messages } from "@/lib/i18n";

export function LanguageSwitcher({
  locale,
  path,
  translations,
  alternates = {},
}: {
  locale: Locale;
  path: string;
  translations?: Translation[];
  alternates?: Partial<Record<Locale, string>>;
}) {
  const t = messages(locale);
  return (
    <nav aria-label={t.language} className="language-switcher">
      <ul className="inline-list">
        {locales.map((other) => {
          const href =
            alternates[other] ??
            (translations
              ? (translations.find((candidate) => candidate.locale === other)?.url ?? `/${other}/`)
              : encodeURI(inLocale(path, other)));
          return (
            <li key={other}>
              <a href={href} lang={other} hrefLang={other} aria-current={other === locale ? "true" : undefined}>
                {languageNames[other]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
