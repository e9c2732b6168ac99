// The account area's data section: the download of everything held about the person, and erasing
// the account.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AccountArea, accountMetadata, requireProfile } from "@/components/account/AccountArea";
import { AccountDeletion } from "@/components/account/AccountDeletion";
import { DataDownload } from "@/components/account/DataDownload";
import { isLocale, messages } from "@/lib/i18n";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return accountMetadata(locale, "data/");
}

export default async function AccountDataPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const profile = await requireProfile(locale, "data/");
  const t = messages(locale).accountPages;
  return (
    <AccountArea locale={locale} section="data/">
      <section aria-labelledby="download-data">
        <h2 id="download-data">{t.downloadTitle}</h2>
        <p>{t.downloadText}</p>
        <DataDownload locale={locale} />
      </section>
      <section aria-labelledby="delete-account" className="danger-zone">
        <h2 id="delete-account">{t.deleteTitle}</h2>
        <p>{t.deleteText}</p>
        <AccountDeletion locale={locale} email={profile.email} />
      </section>
    </AccountArea>
  );
}
