// The signed-in person's account area: its sections (profile, feed, notification preferences,
// password, data) around one section's page. A visitor who is not signed in is sent to log in, and
// comes back here afterwards.
import { redirect } from "next/navigation";
import type { ReactNode } from "react";

import type { Metadata } from "next";

import { SiteChrome } from "@/components/site/SiteChrome";
import { getMyProfile, getSiteSettings } from "@/lib/brand-hub";
import { type Locale, messages } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

const SECTIONS = [
  { path: "", label: "profileSection" },
  { path: "feed/", label: "feedSection" },
  { path: "notifications/preferences/", label: "notificationPreferencesSection" },
  { path: "password/", label: "passwordSection" },
  { path: "data/", label: "dataSection" },
] as const;

export type AccountSection = (typeof SECTIONS)[number]["path"];

export async function accountMetadata(locale: Locale, section: AccountSection): Promise<Metadata> {
  const t = messages(locale).accountPages;
  const label = SECTIONS.find((candidate) => candidate.path === section)?.label ?? "profileSection";
  return routeMetadata({
    locale,
    path: `/${locale}/account/${section}`,
    title: `${t[label]} · ${t.accountTitle}`,
    description: t.accountDescription,
    settings: await getSiteSettings(locale),
  });
}

/** The signed-in person's profile, or a redirect to the log-in page that comes back to `section`. */
export async function requireProfile(locale: Locale, section: AccountSection) {
  const profile = await getMyProfile();
  if (!profile) redirect(`/${locale}/account/login/?next=${encodeURIComponent(`/${locale}/account/${section}`)}`);
  return profile;
}

export function AccountArea({ locale, section, children }: { locale: Locale; section: AccountSection; children: ReactNode }) {
  const t = messages(locale).accountPages;
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/${section}`}>
      <div className="prose">
        <h1>{t.accountTitle}</h1>
        <nav aria-label={t.accountSections} className="account-sections">
          <ul className="inline-list">
            {SECTIONS.map((candidate) => (
              <li key={candidate.path}>
                <a href={`/${locale}/account/${candidate.path}`} aria-current={candidate.path === section ? "page" : undefined}>
                  {t[candidate.label]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {children}
      </div>
    </SiteChrome>
  );
}
