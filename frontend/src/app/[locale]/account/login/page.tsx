// The log-in page: allauth's browser flow, then back to the page the person came from (?next=).
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { LogInForm } from "@/components/account/LogInForm";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getSiteSettings } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ next?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return routeMetadata({
    locale,
    path: `/${locale}/account/login/`,
    title: messages(locale).logInTitle,
    settings: await getSiteSettings(locale),
  });
}

export default async function LogInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const { next } = await searchParams;
  const t = messages(locale);
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/login/`}>
      <div className="prose">
        <h1>{t.logInTitle}</h1>
        <LogInForm
          locale={locale}
          next={typeof next === "string" ? next : undefined}
          labels={{
            email: t.email,
            password: t.password,
            logIn: t.logIn,
            loggingIn: t.loggingIn,
            logInFailed: t.logInFailed,
            logInPending: t.logInPending,
            tooManyAttempts: t.tooManyAttempts,
            unreachable: t.unreachable,
          }}
        />
        <p>
          <a href={`/${locale}/account/password/reset/`}>{t.accountPages.forgotPassword}</a>
        </p>
        <p>
          {t.newHere} <a href={`/${locale}/account/signup/`}>{t.signUp}</a>
        </p>
      </div>
    </SiteChrome>
  );
}
