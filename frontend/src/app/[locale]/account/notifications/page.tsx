// One's notifications (replies, comments on what one follows, the brand's answers to ideas), newest
// first, each linking to what it is about; a visitor is sent to log in first.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { Notifications } from "@/components/community/Notifications";
import { pageNumber, type Query } from "@/components/site/Pagination";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getNotifications } from "@/lib/brand-hub";
import { isLocale, locales, messages } from "@/lib/i18n";
import { siteOrigin } from "@/lib/origins";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Query> };

const PER_PAGE = 20;

function pathOf(locale: string) {
  return `/${locale}/account/notifications/`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const c = messages(locale).community;
  return {
    title: c.notificationsTitle,
    description: c.notificationsDescription,
    robots: { index: false },
    alternates: {
      canonical: `${siteOrigin()}${pathOf(locale)}`,
      languages: Object.fromEntries(locales.map((other) => [other, `${siteOrigin()}${pathOf(other)}`])),
    },
  };
}

export default async function NotificationsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const page = await getNotifications(PER_PAGE, (pageNumber(query) - 1) * PER_PAGE);
  // A visitor logs in first and comes back here (the log-in page's `next`).
  if (page === null) redirect(`/${locale}/account/login/?next=${encodeURIComponent(pathOf(locale))}`);
  return (
    <SiteChrome locale={locale} path={pathOf(locale)}>
      <Notifications locale={locale} path={pathOf(locale)} query={query} page={page} perPage={PER_PAGE} />
    </SiteChrome>
  );
}
