// The page the verification e-mail links to (FRONTEND_URL/account/verify-email/<key>, locale added by
// src/proxy.ts): the key is posted exactly as the link carries it.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { VerifyEmail } from "@/components/account/VerifyEmail";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getSiteSettings } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string; key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, key } = await params;
  if (!isLocale(locale)) notFound();
  return routeMetadata({
    locale,
    path: `/${locale}/account/verify-email/${decodeURIComponent(key)}/`,
    title: messages(locale).verifyTitle,
    settings: await getSiteSettings(locale),
  });
}

export default async function VerifyEmailPage({ params }: Props) {
  const { locale, key } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale);
  const verificationKey = decodeURIComponent(key);
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/verify-email/${verificationKey}/`}>
      <div className="prose">
        <h1>{t.verifyTitle}</h1>
        <VerifyEmail locale={locale} verificationKey={verificationKey} />
      </div>
    </SiteChrome>
  );
}
