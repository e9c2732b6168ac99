// The account area's notification preferences: how the prosumer hears of each kind of notification
// and how often the e-mail digest comes; a visitor is sent to log in first.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { AccountArea, accountMetadata } from "@/components/account/AccountArea";
import { NotificationPreferencesForm } from "@/components/account/NotificationPreferencesForm";
import { getNotificationPreferences } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }> };

const SECTION = "notifications/preferences/";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return accountMetadata(locale, SECTION);
}

export default async function NotificationPreferencesPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const preferences = await getNotificationPreferences(locale);
  if (preferences === null) redirect(`/${locale}/account/login/?next=${encodeURIComponent(`/${locale}/account/${SECTION}`)}`);
  const t = messages(locale).notificationPreferences;
  return (
    <AccountArea locale={locale} section={SECTION}>
      <h2>{t.title}</h2>
      <p>{t.description}</p>
      <p>
        <a href={`/${locale}/account/notifications/`}>{t.seeNotifications}</a>
      </p>
      <NotificationPreferencesForm locale={locale} preferences={preferences} />
    </AccountArea>
  );
}
