// The root layout of each locale's tree: the document's language and the global styles.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { isLocale, locales, messages } from "@/lib/i18n";
import { siteOrigin } from "@/lib/origins";

import "../globals.css";

export const metadata: Metadata = { metadataBase: new URL(siteOrigin()) };

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {messages(locale).skipToContent}
        </a>
        {children}
      </body>
    </html>
  );
}
