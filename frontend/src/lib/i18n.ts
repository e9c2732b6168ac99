// The frontend's locales and its UI strings: one message catalogue per locale, one typed lookup.
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import pl from "@/messages/pl.json";

export const locales = ["es", "en", "pl"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "es";
/** The request header src/proxy.ts sets to the address's locale, for the 404 page (which has no params). */
export const LOCALE_HEADER = "x-brand-hub-locale";

/** Each language's name in itself, as the language switcher shows it. */
export const languageNames: Record<Locale, string> = { es: "Español", en: "English", pl: "Polski" };

export type Messages = typeof en;
// Typed against the English catalogue: a key missing from another catalogue fails the build.
const catalogues: Record<Locale, Messages> = { es, en, pl };

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/** The UI strings of `locale`. */
export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

/** The same route of this frontend in `other`'s language: /pl/account/login/ → /en/account/login/. */
export function inLocale(path: string, other: Locale): string {
  return `/${other}${path.replace(/^\/[^/]+/, "") || "/"}`;
}

/**
 * `template` cut at its `{name}` placeholders, each replaced by its value in `values`: text and values
 * in the order the language puts them. A name without a value stays as it is written.
 */
export function fillTemplate<T>(template: string, values: Record<string, T>): (string | T)[] {
  // split() with a capturing group keeps the placeholders' names at the odd positions.
  return template
    .split(/\{(\w+)\}/)
    .map((piece, index) => (index % 2 === 0 ? piece : piece in values ? (values[piece] as T) : `{${piece}}`));
}

/** `template` with each `{name}` replaced by its value. */
export function format(template: string, values: Record<string, string | number>): string {
  return fillTemplate(template, values).join("");
}

/** The locale a browser prefers among ours, from its Accept-Language header (q-values honoured). */
export function preferredLocale(acceptLanguage: string | null): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { language: tag.toLowerCase().split("-")[0] ?? "", quality: quality ? Number(quality.slice(2)) : 1 };
    })
    .filter(({ language, quality }) => language && quality > 0)
    .sort((a, b) => b.quality - a.quality);
  return ranked.map(({ language }) => language).find(isLocale) ?? defaultLocale;
}

/** The form of a counted phrase for `count` in `locale` (Polish has one, few, many and other). */
export function plural(locale: Locale, forms: { one: string; other: string } & Record<string, string>, count: number): string {
  const rule = new Intl.PluralRules(locale).select(count);
  return format(forms[rule] ?? forms.other, { count });
}

/** A date (or date and time, in UTC, as the API stores them) in the locale's words. */
export function formatDate(locale: Locale, value: string, withTime = false): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeZone: "UTC",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(date);
}
