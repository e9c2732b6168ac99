// The page the password reset e-mail links to (FRONTEND_URL/account/password/reset/key/<key>, locale
// added by src/proxy.ts): the key is checked with allauth first, then the new password is chosen.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PasswordReset } from "@/components/account/PasswordReset";
import { SiteChrome } from "@/components/site/SiteChrome";
import { checkPasswordResetKey, getSiteSettings } from "@/lib/brand-hub";
import { isLocale, messages } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string; key: string }> };

/** The key as the e-mail's link carries it; one that is not valid percent-encoding stays as it came. */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, key } = await params;
  if (!isLocale(locale)) notFound();
  return routeMetadata({
    locale,
    path: `/${locale}/account/password/reset/key/${decodeKey(key)}/`,
    title: messages(locale).accountPages.resetTitle,
    settings: await getSiteSettings(locale),
  });
}

export default async function PasswordResetPage({ params }: Props) {
  const { locale, key } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale).accountPages;
  const resetKey = decodeKey(key);
  const account = await checkPasswordResetKey(resetKey);
  return (
    <SiteChrome locale={locale} path={`/${locale}/account/password/reset/key/${resetKey}/`}>
      <div className="prose">
        <h1>{t.resetTitle}</h1>
        {account ? (
          <PasswordReset locale={locale} resetKey={resetKey} email={account.email} />
        ) : (
          <>
            <p role="alert" className="form-error">
              {t.resetLinkInvalid}
            </p>
            <p>
              <a href={`/${locale}/account/password/reset/`}>{t.requestNewLink}</a>
            </p>
          </>
        )}
      </div>
    </SiteChrome>
  );
}
