// The signed-in prosumer's feed: what is new in the pages and people they follow and what is rising
// in their groups, a page at a time by the API's cursor; a visitor is sent to log in first.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { AccountArea, accountMetadata } from "@/components/account/AccountArea";
import { Feed } from "@/components/community/Feed";
import type { Query } from "@/components/site/Pagination";
import { getFeed } from "@/lib/brand-hub";
import { isLocale } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Query> };

/** Items a page: few enough to read through, enough that "More" is not pressed at every turn. */
const PER_PAGE = 10;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return accountMetadata(locale, "feed/");
}

export default async function FeedPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const path = `/${locale}/account/feed/`;
  const { cursor } = await searchParams;
  const from = typeof cursor === "string" && cursor ? cursor : null;
  const feed = await getFeed(PER_PAGE, from);
  // A visitor logs in first and comes back to the feed's first page.
  if (feed === null) redirect(`/${locale}/account/login/?next=${encodeURIComponent(path)}`);
  // A cursor the API does not take (altered, or too long ago): the feed starts again.
  if (feed === "bad cursor") redirect(path);
  return (
    <AccountArea locale={locale} section="feed/">
      <Feed locale={locale} path={path} feed={feed} firstPage={from === null} />
    </AccountArea>
  );
}
