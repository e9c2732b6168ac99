// "Forgot your password?": asks for the e-mail that allauth sends the reset link to.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PasswordResetRequest } from "@/components/account/PasswordResetRequest";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getSiteSettings } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string }> };

// Rendered per request, like every page: its header and footer come from the API.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale).accountPages;
  return routeMetadata({
    locale,
    path: `/${locale}/account/password/reset/`,
    title: t.resetRequestTitle,
    description: t.resetRequestText,
    settings: await getSiteSettings(locale),
  });
}

export default async function PasswordResetRequestPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale).accountPages;
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/password/reset/`}>
      <div className="prose">
        <h1>{t.resetRequestTitle}</h1>
        <p>{t.resetRequestText}</p>
        <PasswordResetRequest locale={locale} />
      </div>
    </SiteChrome>
  );
}
