import type { PageOf, PageType } from "@/api";
import type { Query } from "@/components/site/Pagination";
import type { Locale } from "@/lib/i18n";

/** What every page component receives: its page, narrowed on `type`, the locale, the page's path and query. */
export type PageProps<T extends PageType> = { page: PageOf<T>; locale: Locale; path: string; query: Query };
