// The sign-up page: allauth's browser flow with the project's consent to the terms.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { SignUpForm } from "@/components/account/SignUpForm";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getSiteSettings } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string }> };

// Rendered per request, like every page: its header and footer come from the API, which the build
// cannot count on (the test command builds before any server runs).
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return routeMetadata({
    locale,
    path: `/${locale}/account/signup/`,
    title: messages(locale).signUpTitle,
    settings: await getSiteSettings(locale),
  });
}

export default async function SignUpPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale);
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/signup/`}>
      <div className="prose">
        <h1>{t.signUpTitle}</h1>
        <SignUpForm locale={locale} />
      </div>
    </SiteChrome>
  );
}
