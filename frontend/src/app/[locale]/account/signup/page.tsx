// The sign-up page: allauth's browser flow with the project's consent to the terms.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { SignUpForm } from "@/components/account/SignUpForm";
import { SiteChrome } from "@/components/site/SiteChrome";
import { isLocale, messages } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }> };

// Rendered per request, like every page: its header and footer come from the API, which the build
// cannot count on (the test command builds before any server runs).
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return { title: messages(locale).signUpTitle, robots: { index: false } };
}

export default async function SignUpPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale);
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/signup/`} translations={[]}>
      <div className="prose">
        <h1>{t.signUpTitle}</h1>
        <SignUpForm locale={locale} />
      </div>
    </SiteChrome>
  );
}
